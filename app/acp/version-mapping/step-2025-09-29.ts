/**
 * 2025-12-12 ⇄ 2025-09-29 (changelog/2025-12-12.md): the flat
 * `fulfillment_address` became `fulfillment_details`, the single
 * `fulfillment_option_id` became `selected_fulfillment_options[]`, the
 * `seller_shop_policies` link became `return_policy`, and payment methods
 * became objects. 3-D Secure did not exist yet.
 */
import { paramForVersion } from "./params";
import type { CheckoutSession } from "../wire-types";
import {
  isJsonObject,
  objectsIn,
  omit,
  stringAt,
  withField,
  type JsonObject,
} from "./json";
import type { MappingContext, VersionStep } from "./version-step";

export const step20250929: VersionStep = {
  version: "2025-09-29",

  upRequest(operation, body, context) {
    if (operation === "cancel") return {};
    if (operation === "complete") return body;
    const result = upSessionRequest(body, context);

    // Agents of 2025-09-29 knew no 3-D Secure: declaring no capabilities
    // keeps the next step from assuming 3DS support.
    return operation === "create" ? { ...result, capabilities: {} } : result;
  },

  downSession(session) {
    const steps = [
      downMessageParams,
      downStatus,
      downFulfillmentAddress,
      downSelectedOption,
      downPaymentProvider,
      downLinks,
    ];

    return steps.reduce((result, step) => step(result), session);
  },
};

function upSessionRequest(
  body: JsonObject,
  context: MappingContext,
): JsonObject {
  let result = omit(body, ["fulfillment_address", "fulfillment_option_id"]);
  if (isJsonObject(body.fulfillment_address)) {
    result = {
      ...result,
      fulfillment_details: { address: body.fulfillment_address },
    };
  }
  if (typeof body.fulfillment_option_id === "string") {
    result = {
      ...result,
      selected_fulfillment_options: [
        nestedOption(body.fulfillment_option_id, context.session),
      ],
    };
  }

  return result;
}

/**
 * One option for the whole cart: its type comes from the session's
 * options (shipping if the id is unknown, which the checkout then rejects
 * as an unknown option), its items are all of the session's items.
 */
function nestedOption(
  optionId: string,
  session: CheckoutSession | undefined,
): JsonObject {
  const option = session?.fulfillment_options.find(
    (candidate) => candidate.id === optionId,
  );
  const type = option?.type ?? "shipping";
  const itemIds = (session?.line_items ?? []).map((line) => line.item.id);

  return { type, [type]: { option_id: optionId, item_ids: itemIds } };
}

/**
 * 3-D Secure (`authentication_required`) arrived in 2025-12-12; an agent
 * of 2025-09-29 cannot pay such a session, so it is not ready for payment.
 */
function downStatus(session: JsonObject): JsonObject {
  if (session.status !== "authentication_required") return session;

  return { ...session, status: "not_ready_for_payment" };
}

function downFulfillmentAddress(session: JsonObject): JsonObject {
  const details = isJsonObject(session.fulfillment_details)
    ? session.fulfillment_details
    : {};

  return withField(
    omit(session, ["fulfillment_details"]),
    "fulfillment_address",
    details.address,
  );
}

/** Only one option could be chosen: the first selected one. */
function downSelectedOption(session: JsonObject): JsonObject {
  const [first] = objectsIn(session.selected_fulfillment_options);
  const type = first ? stringAt(first, "type") : undefined;
  const nested = first && type && isJsonObject(first[type]) ? first[type] : {};

  return withField(
    omit(session, ["selected_fulfillment_options"]),
    "fulfillment_option_id",
    nested.option_id,
  );
}

function downPaymentProvider(session: JsonObject): JsonObject {
  if (!isJsonObject(session.payment_provider)) return session;

  return {
    ...session,
    payment_provider: {
      ...session.payment_provider,
      supported_payment_methods: ["card"],
    },
  };
}

/** The return policy was one of the "seller shop policies" before. */
function downLinks(session: JsonObject): JsonObject {
  const links = objectsIn(session.links).map((link) =>
    link.type === "return_policy"
      ? { ...link, type: "seller_shop_policies" }
      : link,
  );

  return { ...session, links };
}

/** Messages name the fields this version's agent knows. */
function downMessageParams(session: JsonObject): JsonObject {
  if (!Array.isArray(session.messages)) return session;

  return {
    ...session,
    messages: session.messages.map((message: unknown) =>
      isJsonObject(message) && typeof message.param === "string"
        ? {
            ...message,
            param: paramForVersion(message.param, "2025-09-29", "session"),
          }
        : message,
    ),
  };
}
