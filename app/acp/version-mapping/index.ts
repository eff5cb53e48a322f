/**
 * Mapping between the agent's API version and the canonical 2026-04-17
 * model the app works in (design.md: "one canonical internal model, with
 * the wire versions mapped at the edge").
 *
 * Requests climb one step per version transition; sessions walk down the
 * same steps, and are finally pruned to the fields the agent's version
 * knows, so that what is sent validates against that version's schema.
 */
import type { RequestOperation, ResponseOperation } from "../schemas.server";
import { LATEST_VERSION, type ApiVersion } from "../versions";
import type {
  CancelRequest,
  CheckoutSession,
  CheckoutSessionWithOrder,
  CompleteRequest,
  CreateRequest,
  UpdateRequest,
} from "../wire-types";
import type { JsonObject } from "./json";
import { pruneToSchema } from "./prune-to-schema";
import { step20250929 } from "./step-2025-09-29";
import { step20251212 } from "./step-2025-12-12";
import { step20260116 } from "./step-2026-01-16";
import { step20260130, withProtocolVersion } from "./step-2026-01-30";
import type { MappingContext, VersionStep } from "./version-step";

export type { MappingContext };

export interface CanonicalRequests {
  create: CreateRequest;
  update: UpdateRequest;
  complete: CompleteRequest;
  cancel: CancelRequest;
}

/** Newest first: each step maps between its version and the one above. */
const STEPS: readonly VersionStep[] = [
  step20260130,
  step20260116,
  step20251212,
  step20250929,
];

/**
 * A request body of `version`, already validated by `validateRequest`, as
 * the canonical 2026-04-17 request. The result is what the canonical
 * schema accepts (tests/acp/version-mapping.test.ts replays every official
 * example to hold it to that), hence the one cast at the end.
 */
export function toCanonicalRequest<O extends RequestOperation>(
  version: ApiVersion,
  operation: O,
  body: JsonObject,
  context: MappingContext,
): CanonicalRequests[O] {
  const steps = STEPS.filter((step) => step.version >= version).reverse();
  const canonical = steps.reduce(
    (request, step) => step.upRequest(operation, request, context),
    body,
  );

  return canonical as unknown as CanonicalRequests[O];
}

/**
 * A canonical session in the shape of `version`: `complete` answers with
 * the order (`CheckoutSessionWithOrder`), the other operations with a
 * `CheckoutSession`. The input is not modified.
 */
export function fromCanonicalSession(
  version: ApiVersion,
  operation: ResponseOperation,
  session: CheckoutSession | CheckoutSessionWithOrder,
): JsonObject {
  const start = withProtocolVersion({ ...session }, LATEST_VERSION);
  const steps = STEPS.filter((step) => step.version >= version);
  const mapped = steps.reduce(
    (result, step) => step.downSession(result),
    start,
  );
  const definition =
    operation === "complete" ? "CheckoutSessionWithOrder" : "CheckoutSession";

  return pruneToSchema(version, definition, mapped);
}
