/**
 * The official checkout schemas of every supported version, vendored
 * unmodified in app/acp/spec/, with the spec's known defects fixed by small
 * overlays applied to a copy at load time (spec notes §14). Each overlay
 * names the file and the defect, and says when it can go.
 */
import schema20250929 from "./spec/2025-09-29/schema.agentic_checkout.json";
import schema20251212 from "./spec/2025-12-12/schema.agentic_checkout.json";
import schema20260116 from "./spec/2026-01-16/schema.agentic_checkout.json";
import schema20260130 from "./spec/2026-01-30/schema.agentic_checkout.json";
import schema20260417 from "./spec/2026-04-17/schema.agentic_checkout.json";
import type { ApiVersion } from "./versions";

export type SchemaNode = { [keyword: string]: unknown };

const OFFICIAL: Record<ApiVersion, SchemaNode> = {
  "2025-09-29": schema20250929,
  "2025-12-12": schema20251212,
  "2026-01-16": schema20260116,
  "2026-01-30": schema20260130,
  "2026-04-17": schema20260417,
};

/** The official bundle exactly as released (shared: do not modify). */
export function officialCheckoutSchema(version: ApiVersion): SchemaNode {
  return OFFICIAL[version];
}

/** A fresh copy of the version's bundle with every overlay applied. */
export function loadCheckoutSchema(version: ApiVersion): SchemaNode {
  const bundle = structuredClone(OFFICIAL[version]);
  const versionNumber = version.replaceAll("-", "");

  // Every released bundle carries the same placeholder `$id`; a distinct
  // one per version keeps ajv from mixing them up.
  bundle.$id = `https://acp-bridge.invalid/schemas/${versionNumber}/checkout`;
  for (const overlay of OVERLAYS[version]) overlay(bundle);

  return bundle;
}

type Overlay = (bundle: SchemaNode) => void;

/**
 * 2025-09-29 schema.agentic_checkout.json, `$defs/Item/quantity`: a later
 * edit (commit fa7ecf4, for B2B decimal quantities) wrote the draft-4 form
 * `exclusiveMinimum: true`, which 2020-12 rejects as a schema error. Its
 * meaning, a number above 0, is `exclusiveMinimum: 0` in 2020-12.
 */
function draft4ExclusiveMinimumIn20250929(bundle: SchemaNode): void {
  property(bundle, "Item", "quantity", { type: "number", exclusiveMinimum: 0 });
}

/**
 * Not a defect but a decision: Shopify sells whole units, so a request of
 * 2025-09-29 must ask for an integer quantity of at least 1, as in every
 * later version. A decimal (the official example asks for 2.5) gets a 400
 * naming the field rather than an order for a different quantity.
 * Responses keep the version's own `Item`.
 */
function wholeRequestQuantitiesIn20250929(bundle: SchemaNode): void {
  const quantity = { type: "integer", minimum: 1 };
  useRequestItem(bundle, "items", quantity);
}

/**
 * 2025-09-29 schema.agentic_checkout.json: `CheckoutSessionWithOrder` is
 * `allOf[CheckoutSessionBase, {order}]`, but the base has
 * `additionalProperties: false` and no `order`, so no object satisfies it.
 * 2025-12-12 fixed this by adding `order` to the base; we do the same.
 */
function orderOnSessionBaseIn20250929(bundle: SchemaNode): void {
  property(bundle, "CheckoutSessionBase", "order", { $ref: "#/$defs/Order" });
}

/**
 * 2025-09-29 defines no cancel body (openapi.agentic_checkout.yaml has no
 * requestBody on cancel). Any object is accepted there and ignored.
 */
function cancelBodyIn20250929(bundle: SchemaNode): void {
  definitions(bundle).CancelSessionRequest = { type: "object" };
}

/**
 * 2026-01-30 and later, schema.agentic_checkout.json: request `line_items`
 * are `Item`, which has no `quantity` (issue #264, PR #270, SEP #272, all
 * open), so a buyer could only ever buy one of each. We accept the field
 * SEP #272 proposes, `quantity` (integer ≥ 1, default 1), on request line
 * items only: response `LineItem.item` stays exactly `Item`. Remove once
 * a released version carries SEP #272.
 */
function quantityOnRequestItems(bundle: SchemaNode): void {
  const quantity = { type: "integer", minimum: 1, default: 1 };
  useRequestItem(bundle, "line_items", quantity);
}

/**
 * Adds `RequestItem`, the version's `Item` with the given `quantity`, and
 * types the create and update requests' item list (`field`) with it.
 */
function useRequestItem(
  bundle: SchemaNode,
  field: string,
  quantity: SchemaNode,
): void {
  const item = definition(bundle, "Item");
  const requestItem = structuredClone(item);
  requestItem.properties = { ...objectAt(item, "properties"), quantity };
  definitions(bundle).RequestItem = requestItem;

  for (const name of REQUEST_DEFINITIONS_WITH_ITEMS) {
    const properties = objectAt(definition(bundle, name), "properties");
    objectAt(properties, field).items = { $ref: "#/$defs/RequestItem" };
  }
}

const REQUEST_DEFINITIONS_WITH_ITEMS = [
  "CheckoutSessionCreateRequest",
  "CheckoutSessionUpdateRequest",
];

/**
 * 2026-01-30 and later, schema.agentic_checkout.json,
 * `$defs/Capabilities/extensions`: `oneOf[string[], ExtensionDeclaration[]]`
 * rejects the empty array, which matches both branches. `anyOf` keeps the
 * intent (either form) and lets a party declare no extensions.
 */
function emptyExtensionsAllowed(bundle: SchemaNode): void {
  const capabilities = objectAt(
    definition(bundle, "Capabilities"),
    "properties",
  );
  const extensions = objectAt(capabilities, "extensions");
  extensions.anyOf = extensions.oneOf;
  delete extensions.oneOf;
}

const OVERLAYS: Record<ApiVersion, readonly Overlay[]> = {
  "2025-09-29": [
    draft4ExclusiveMinimumIn20250929,
    wholeRequestQuantitiesIn20250929,
    orderOnSessionBaseIn20250929,
    cancelBodyIn20250929,
  ],
  "2025-12-12": [],
  "2026-01-16": [],
  "2026-01-30": [quantityOnRequestItems, emptyExtensionsAllowed],
  "2026-04-17": [quantityOnRequestItems, emptyExtensionsAllowed],
};

function definitions(bundle: SchemaNode): SchemaNode {
  return objectAt(bundle, "$defs");
}

function definition(bundle: SchemaNode, name: string): SchemaNode {
  return objectAt(definitions(bundle), name);
}

function property(
  bundle: SchemaNode,
  name: string,
  field: string,
  schema: SchemaNode,
): void {
  objectAt(definition(bundle, name), "properties")[field] = schema;
}

/** Throws at load time if a vendored schema lost a shape an overlay needs. */
function objectAt(node: SchemaNode, key: string): SchemaNode {
  const child = node[key];
  if (child === null || typeof child !== "object" || Array.isArray(child)) {
    throw new Error(`ACP schema overlay: "${key}" is not an object`);
  }

  return child as SchemaNode;
}
