/**
 * The checkout's own refusals, as protocol errors: what the agent asked
 * for cannot become a session at all (business problems with a valid
 * session travel as messages instead, checkout-messages.ts).
 */
import { AcpError } from "../acp/errors";
import { MAX_LINE_QUANTITY } from "./draft-order-input";

export const checkoutError = {
  notFound(): AcpError {
    return AcpError.notFound("checkout session");
  },

  notCancelable(status: string): AcpError {
    return AcpError.notCancelable(status);
  },

  /**
   * Payment and order creation are not built yet: refuse a ready session
   * plainly rather than pretend, and charge nothing.
   */
  completionUnavailable(): AcpError {
    return new AcpError({
      status: 501,
      type: "service_unavailable",
      code: "completion_unavailable",
      message: "This store cannot complete agentic checkouts yet.",
    });
  },

  unknownItem(itemId: string, index: number): AcpError {
    return new AcpError({
      status: 400,
      code: "invalid_item_id",
      message: `Item ${itemId} is not sold by this store.`,
      param: `$.line_items[${index}].id`,
    });
  },

  /** More than Shopify can count (draft-order-input.ts). */
  quantityTooLarge(index: number): AcpError {
    return new AcpError({
      status: 400,
      code: "invalid",
      message: `Quantity must be at most ${MAX_LINE_QUANTITY}.`,
      param: `$.line_items[${index}].quantity`,
    });
  },

  rejectedByShop(message: string, param?: string): AcpError {
    return new AcpError({ status: 400, code: "invalid", message, param });
  },

  /** The session can no longer change: completed, canceled or expired. */
  closed(id: string, status: string): AcpError {
    return new AcpError({
      status: 409,
      code: `checkout_session_${status}`,
      message: `Checkout session ${id} is ${status}; start a new one.`,
    });
  },

  /** Concurrent updates kept winning over this one. */
  conflict(id: string): AcpError {
    return new AcpError({
      status: 409,
      code: "conflict",
      message: `Checkout session ${id} changed while updating; retry.`,
      headers: { "Retry-After": "1" },
    });
  },

  notReady(id: string): AcpError {
    return new AcpError({
      status: 400,
      code: "not_ready_for_payment",
      message:
        `Checkout session ${id} is not ready for payment; ` +
        "see its messages.",
    });
  },

  /** Shopify could not be reached: nothing was stored, the call may retry. */
  shopUnavailable(): AcpError {
    return AcpError.serviceUnavailable(2);
  },
};
