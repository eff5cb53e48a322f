/**
 * Prices a checkout state through Shopify: one `draftOrderCalculate` call
 * in the usual case. The chosen shipping rate goes in by its handle from
 * the last quote. Shopify's handles belong to the cart they were quoted
 * for, so when the cart or the address changed (the caller then passes no
 * previous quote), or Shopify refuses the handle all the same, the rate
 * with the chosen option id is looked up in a fresh quote and applied: two
 * calls, only then.
 */
import type { AdminGraphql } from "../shopify/admin-client.server";
import { logger, type Logger } from "../lib/logger.server";
import { queryAdmin } from "../shopify/admin-client.server";
import { calculateDraftOrder } from "../shopify/draft-order-calculate.server";
import { VARIANTS_EXIST_QUERY } from "../shopify/variants-exist.server";
import type { CheckoutState } from "./checkout-state";
import { checkoutError } from "./checkout-errors";
import { draftOrderInput, variantGid } from "./draft-order-input";
import { readQuote, type Quote } from "./quote";

export interface QuoteResult {
  quote: Quote;
  /** Shopify cost points the quote spent, for the benchmark. */
  costPoints: number;
}

export async function quoteCheckout(
  graphql: AdminGraphql,
  state: CheckoutState,
  previous: Quote | null,
  log: Logger = logger,
): Promise<QuoteResult> {
  const optionId = selectedShippingOption(state);
  const handle =
    previous?.shipping_rates.find((rate) => rate.option_id === optionId)
      ?.handle ?? null;

  let spent = 0;
  if (handle) {
    const first = await calculate(graphql, state, handle, log);
    if (first.kind === "quoted") return first;
    spent = first.costPoints;
  }

  // No handle for this cart: price without one, then pick the same option
  // among the new rates.
  const fresh = await settle(
    graphql,
    state,
    await calculate(graphql, state, null, log),
    log,
  );
  const rate = fresh.quote.shipping_rates.find((r) => r.option_id === optionId);
  if (!optionId || !rate) {
    return { ...fresh, costPoints: fresh.costPoints + spent };
  }

  const again = await calculate(graphql, state, rate.handle, log);
  const result = await settle(graphql, state, again, log);

  return {
    ...result,
    costPoints: result.costPoints + fresh.costPoints + spent,
  };
}

function selectedShippingOption(state: CheckoutState): string | null {
  const selection = state.selected_fulfillment_options?.find(
    (option) => option.type === "shipping",
  );

  return selection?.option_id ?? null;
}

type Calculation =
  | { kind: "quoted"; quote: Quote; costPoints: number }
  | {
      kind: "rejected";
      errors: { field?: string[] | null; message: string }[];
      costPoints: number;
    };

async function calculate(
  graphql: AdminGraphql,
  state: CheckoutState,
  handle: string | null,
  log: Logger,
): Promise<Calculation> {
  const { payload, cost } = await calculateDraftOrder(
    graphql,
    draftOrderInput(state, handle),
    log,
  );
  const costPoints = cost?.actualQueryCost ?? cost?.requestedQueryCost ?? 0;
  const calculation = payload?.calculatedDraftOrder;
  if (calculation && (payload?.userErrors.length ?? 0) === 0) {
    return { kind: "quoted", quote: readQuote(calculation), costPoints };
  }

  return { kind: "rejected", errors: payload?.userErrors ?? [], costPoints };
}

/** A quote, or the request's fault explained in the protocol's terms. */
async function settle(
  graphql: AdminGraphql,
  state: CheckoutState,
  calculation: Calculation,
  log: Logger,
): Promise<QuoteResult> {
  if (calculation.kind === "quoted") return calculation;

  const unknown = await unknownItemIndex(graphql, state, log);
  if (unknown !== null) {
    throw checkoutError.unknownItem(
      state.line_items[unknown]?.id ?? "",
      unknown,
    );
  }

  const [first] = calculation.errors;
  throw checkoutError.rejectedByShop(
    first?.message ?? "Shopify could not price this cart.",
    paramOf(first?.field ?? null),
  );
}

/**
 * Shopify names a missing product in prose, not by line: ask which of the
 * cart's variants exist (only on this error path).
 */
async function unknownItemIndex(
  graphql: AdminGraphql,
  state: CheckoutState,
  log: Logger,
): Promise<number | null> {
  const ids = state.line_items.map((line) => variantGid(line.id));
  const { data } = await queryAdmin(graphql, VARIANTS_EXIST_QUERY, {
    variables: { ids },
    log,
  });
  const index = data.nodes.findIndex((node) => !node || !("id" in node));

  return index === -1 ? null : index;
}

/** Shopify's field path, e.g. ["lineItems","0","quantity"], as JSONPath. */
export function paramOf(
  field: string[] | null | undefined,
): string | undefined {
  if (!field || field.length === 0) return undefined;

  const [head, ...rest] = field;
  const roots: Record<string, string> = {
    lineItems: "$.line_items",
    email: "$.buyer.email",
    shippingAddress: "$.fulfillment_details.address",
    shippingLine: "$.selected_fulfillment_options",
    discountCodes: "$.discounts.codes",
  };
  const root = roots[head ?? ""];
  if (!root) return undefined;

  const index = rest[0];
  return index !== undefined && /^\d+$/.test(index)
    ? `${root}[${index}]${rest[1] === "quantity" ? ".quantity" : ""}`
    : root;
}
