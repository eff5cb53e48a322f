/**
 * POST /admin/api/{version}/graphql.json once the shop and token are known:
 * parse, validate, coerce variables, charge the cost bucket, execute and
 * refund to the actual cost. Every failure answers HTTP 200 in Shopify's
 * words, with `extensions.cost` like every other answer.
 */
import {
  getOperationAST,
  Kind,
  parse,
  validate,
  GraphQLError,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import type { AdminSchema } from "./admin-schema";
import type { EmulatorContext, ResolverMap } from "./context";
import type { CostBucket, ThrottleStatus } from "./cost-bucket";
import type { Fault, UserErrorSpec } from "./faults";
import { actualQueryCost, requestedQueryCost } from "./query-cost";
import { runOperation } from "./run-operation";
import {
  coerceVariables,
  maxCostError,
  parseError,
  throttledError,
  validationError,
  type ShopifyError,
} from "./shopify-errors";

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
  document: DocumentNode | null;
  syntaxError: GraphQLError | null;
}

/** Reads the body; null when it is not a GraphQL request at all. */
export async function readGraphqlRequest(
  request: Request,
): Promise<GraphqlRequest | null> {
  const body = await readJson(request);
  if (!body || typeof body["query"] !== "string") return null;

  const query = body["query"];
  const variables = isRecord(body["variables"]) ? body["variables"] : {};
  const operationName =
    typeof body["operationName"] === "string" ? body["operationName"] : null;

  try {
    const document = parseCached(query);
    return { query, variables, operationName, document, syntaxError: null };
  } catch (error) {
    const syntaxError = error instanceof GraphQLError ? error : null;
    return { query, variables, operationName, document: null, syntaxError };
  }
}

// An app sends the same few documents over and over: parse and validate
// each once (per schema), as a server with a document cache would, so
// load tests measure the app and not the emulator's GraphQL front end.
const parsedDocuments = new Map<string, DocumentNode>();
const validations = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, readonly GraphQLError[]>
>();
const MAX_PARSED_DOCUMENTS = 1_000;

function parseCached(query: string): DocumentNode {
  const cached = parsedDocuments.get(query);
  if (cached) return cached;

  const document = parse(query, { noLocation: false });
  if (parsedDocuments.size >= MAX_PARSED_DOCUMENTS) parsedDocuments.clear();
  parsedDocuments.set(query, document);

  return document;
}

function validateCached(
  schema: GraphQLSchema,
  document: DocumentNode,
): readonly GraphQLError[] {
  const bySchema = validations.get(schema) ?? new WeakMap();
  validations.set(schema, bySchema);
  const cached = bySchema.get(document);
  if (cached) return cached;

  const errors = validate(schema, document);
  bySchema.set(document, errors);

  return errors;
}

/** The root fields a fault may match on. */
export function rootFieldsOf(request: GraphqlRequest): string[] {
  const operation = request.document
    ? getOperationAST(request.document, request.operationName)
    : null;
  if (!operation) return [];

  return operation.selectionSet.selections
    .filter((s): s is FieldNode => s.kind === Kind.FIELD)
    .map((s) => s.name.value);
}

export function operationNameOf(request: GraphqlRequest): string | null {
  if (request.operationName) return request.operationName;
  if (!request.document) return null;

  const operation = getOperationAST(request.document, null);
  return operation?.name?.value ?? null;
}

export interface GraphqlExecution {
  admin: AdminSchema;
  resolvers: ResolverMap;
  context: EmulatorContext;
  bucket: CostBucket;
  nowMs: number;
  maxQueryCost: number;
  faults: Fault[];
}

interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface GraphqlBody {
  data?: unknown;
  errors?: ShopifyError[];
  extensions: { cost: Cost };
}

export async function executeGraphql(
  request: GraphqlRequest,
  run: GraphqlExecution,
): Promise<GraphqlBody> {
  const rejected = (errors: ShopifyError[]) => ({
    errors,
    extensions: { cost: unchargedCost(run, 0) },
  });

  const { document, syntaxError } = request;
  if (!document) return rejected(syntaxError ? [parseError(syntaxError)] : []);

  const invalid = validateCached(run.admin.schema, document);
  if (invalid.length > 0) {
    return rejected(invalid.map((e) => validationError(e, document)));
  }

  return executeValid(request, document, run);
}

async function executeValid(
  request: GraphqlRequest,
  document: DocumentNode,
  run: GraphqlExecution,
): Promise<GraphqlBody> {
  const operation = getOperationAST(document, request.operationName);
  if (!operation) {
    const message = request.operationName
      ? `No operation named "${request.operationName}"`
      : "An operation name is required";
    return {
      errors: [{ message, extensions: {} }],
      extensions: { cost: unchargedCost(run, 0) },
    };
  }

  const variables = coerceVariables(
    run.admin.schema,
    operation,
    request.variables,
  );
  if (variables.errors.length > 0) {
    return {
      errors: variables.errors,
      extensions: { cost: unchargedCost(run, 0) },
    };
  }

  const fragments = fragmentsOf(document);
  const requested = requestedQueryCost(
    run.admin.schema,
    operation,
    fragments,
    variables.values,
  );

  return chargeAndExecute(request, document, operation, requested, run);
}

async function chargeAndExecute(
  request: GraphqlRequest,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  requested: number,
  run: GraphqlExecution,
): Promise<GraphqlBody> {
  if (requested > run.maxQueryCost) {
    return {
      errors: [maxCostError(requested, run.maxQueryCost)],
      extensions: { cost: unchargedCost(run, requested) },
    };
  }

  const forced = run.faults.some((f) => f.kind === "throttle");
  if (forced || !run.bucket.take(requested, run.nowMs)) {
    return {
      errors: [throttledError()],
      extensions: { cost: unchargedCost(run, requested) },
    };
  }

  const result = await executeCharged(request, document, operation, run);
  const actual = actualQueryCost(
    run.admin.schema,
    operation,
    fragmentsOf(document),
    result.data as Record<string, unknown> | null | undefined,
  );
  run.bucket.refund(Math.max(0, requested - actual));

  const cost = {
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: run.bucket.status(run.nowMs),
  };
  return { ...result, extensions: { cost } };
}

async function executeCharged(
  request: GraphqlRequest,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  run: GraphqlExecution,
): Promise<Pick<GraphqlBody, "data" | "errors">> {
  const injected = run.faults.find((f) => f.kind === "userErrors");
  if (injected?.kind === "userErrors") {
    return {
      data: userErrorsData(operation, injected.mutation, injected.userErrors),
    };
  }

  const context = {
    ...run.context,
    idempotencyKey: idempotencyKeyOf(operation, request.variables),
  };
  const result = await runOperation({
    admin: run.admin,
    resolvers: run.resolvers,
    document,
    operationName: request.operationName,
    variables: request.variables,
    context,
  });

  const errors = result.errors?.map((e) => e.toJSON() as ShopifyError);
  return errors ? { data: result.data, errors } : { data: result.data };
}

function unchargedCost(run: GraphqlExecution, requested: number): Cost {
  return {
    requestedQueryCost: requested,
    actualQueryCost: null,
    throttleStatus: run.bucket.status(run.nowMs),
  };
}

export function fragmentsOf(
  document: DocumentNode,
): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }

  return fragments;
}

/** `@idempotent(key: "…")` on a mutation field, literal or variable. */
function idempotencyKeyOf(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): string | null {
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const directive = selection.directives?.find(
      (d) => d.name.value === "idempotent",
    );
    const key = directive?.arguments?.find((a) => a.name.value === "key");
    if (!key) continue;

    if (key.value.kind === Kind.STRING) return key.value.value;
    if (key.value.kind === Kind.VARIABLE) {
      const value = variables[key.value.name.value];
      return typeof value === "string" ? value : null;
    }
  }

  return null;
}

/**
 * What a mutation answers when it refuses: the payload with only its
 * `userErrors` filled, shaped by the caller's own selection.
 */
function userErrorsData(
  operation: OperationDefinitionNode,
  mutation: string,
  userErrors: UserErrorSpec[],
): Record<string, unknown> {
  const data: Record<string, unknown> = {};

  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    data[key] =
      selection.name.value === mutation
        ? payloadWithErrors(selection, userErrors)
        : null;
  }

  return data;
}

function payloadWithErrors(
  field: FieldNode,
  userErrors: UserErrorSpec[],
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};

  for (const selection of field.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    const isErrors = /userErrors$|UserErrors$/.test(selection.name.value);
    payload[key] = isErrors ? userErrors.map((e) => pick(selection, e)) : null;
  }

  return payload;
}

function pick(field: FieldNode, error: UserErrorSpec) {
  const source: Record<string, unknown> = { ...error };
  const picked: Record<string, unknown> = {};

  for (const selection of field.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    picked[key] =
      selection.name.value === "__typename"
        ? "UserError"
        : (source[selection.name.value] ?? null);
  }

  return picked;
}

async function readJson(
  request: Request,
): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = await request.json();
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
