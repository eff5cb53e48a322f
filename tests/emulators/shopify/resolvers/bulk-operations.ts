/**
 * Bulk query operations: `bulkOperationRunQuery` checks the inner query
 * against the schema and Shopify's bulk rules, then hands it to the
 * emulator's runner; `bulkOperation`, `bulkOperations` and the deprecated
 * `currentBulkOperation` report progress.
 */
import {
  getNamedType,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { connectionOf } from "../connection";
import type { EmulatorContext, FieldResolver, ResolverMap } from "../context";
import { registerNodeLoader } from "../node-loaders";
import { isConnection } from "../query-cost";
import { matchesSearch } from "../search-query";
import { validationError } from "../shopify-errors";
import type { BulkOperationRecord } from "../store";
import { nextGid } from "../store";

const maxConnections = 5;
const maxConnectionDepth = 2;

interface BulkUserError {
  field: string[] | null;
  message: string;
  code: "INVALID" | "LIMIT_REACHED" | "OPERATION_IN_PROGRESS";
}

export function bulkOperationView(operation: BulkOperationRecord) {
  return {
    ...operation,
    __typename: "BulkOperation",
    type: "QUERY",
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.fileSize === null ? null : String(operation.fileSize),
    partialDataUrl: null,
  };
}

registerNodeLoader("BulkOperation", (shop, id) => {
  const operation = shop.bulkOperations.get(id);
  return operation ? bulkOperationView(operation) : null;
});

const bulkOperationRunQuery: FieldResolver = (_root, args, ctx) => {
  const query = String(args["query"]);
  const checked = checkBulkQuery(ctx, query);
  if ("error" in checked) return refused(checked.error);

  const busy = busyError(ctx);
  if (busy) return refused(busy);

  const operation = createOperation(ctx, query);
  ctx.services?.startBulkQuery(ctx, operation, checked.document);

  return { bulkOperation: bulkOperationView(operation), userErrors: [] };
};

function refused(error: BulkUserError) {
  return { bulkOperation: null, userErrors: [error] };
}

function createOperation(
  ctx: EmulatorContext,
  query: string,
): BulkOperationRecord {
  const operation: BulkOperationRecord = {
    id: nextGid(ctx.shop, "BulkOperation"),
    status: "CREATED",
    query,
    createdAt: ctx.now().toISOString(),
    completedAt: null,
    objectCount: 0,
    rootObjectCount: 0,
    fileSize: null,
    url: null,
    errorCode: null,
    result: null,
  };
  ctx.shop.bulkOperations.set(operation.id, operation);

  return operation;
}

function busyError(ctx: EmulatorContext): BulkUserError | null {
  const limit = ctx.services?.bulkQueryConcurrency(ctx.apiVersion) ?? 1;
  const active = [...ctx.shop.bulkOperations.values()].filter(
    (op) => op.status === "CREATED" || op.status === "RUNNING",
  );
  if (active.length < limit) return null;

  if (limit === 1) {
    return {
      field: null,
      message:
        "A bulk query operation for this app and shop is already in " +
        `progress: ${active[0]?.id ?? ""}.`,
      code: "OPERATION_IN_PROGRESS",
    };
  }

  return {
    field: null,
    message: `Limit of ${limit} concurrent bulk query operations reached.`,
    code: "LIMIT_REACHED",
  };
}

type CheckedQuery = { document: DocumentNode } | { error: BulkUserError };

function checkBulkQuery(ctx: EmulatorContext, query: string): CheckedQuery {
  const schema = ctx.schema;
  if (!schema) return invalid("Bulk queries are unavailable.");

  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return invalid(`Invalid bulk query: ${String(error)}`);
  }

  const [problem] = validate(schema, document);
  if (problem) {
    const { message } = validationError(problem, document);
    return invalid(`Invalid bulk query: ${message}`);
  }

  const shapeProblem = checkShape(schema, document);
  return shapeProblem ? invalid(shapeProblem) : { document };
}

function invalid(message: string): { error: BulkUserError } {
  return { error: { field: ["query"], message, code: "INVALID" } };
}

/** Shopify's bulk rules: a query, 1–5 connections, nested at most twice. */
function checkShape(schema: GraphQLSchema, document: DocumentNode) {
  const operations = document.definitions.filter(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.some((o) => o.operation !== "query")) {
    return "Bulk queries must be queries; use bulkOperationRunMutation.";
  }

  const { count, depth } = countConnections(schema, document);
  if (count === 0) return "Bulk queries must contain at least one connection.";
  if (count > maxConnections) {
    return (
      "Bulk queries cannot contain more than " +
      `${maxConnections} connections.`
    );
  }
  if (depth > maxConnectionDepth) {
    return (
      "Bulk queries cannot contain connections with a nesting depth " +
      `greater than ${maxConnectionDepth}.`
    );
  }

  return null;
}

function countConnections(schema: GraphQLSchema, document: DocumentNode) {
  const typeInfo = new TypeInfo(schema);
  const open: boolean[] = [];
  let count = 0;
  let depth = 0;
  let current = 0;

  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter() {
          const type = typeInfo.getType();
          const named = type ? getNamedType(type) : undefined;
          const connection = named !== undefined && isConnection(named);
          open.push(connection);
          if (!connection) return;

          count += 1;
          current += 1;
          depth = Math.max(depth, current);
        },
        leave() {
          if (open.pop()) current -= 1;
        },
      },
    }),
  );

  return { count, depth };
}

const statusSearch = {
  text: (op: BulkOperationRecord) => op.query,
  fields: {
    status: (op: BulkOperationRecord) => op.status,
    operation_type: () => "QUERY",
    created_at: (op: BulkOperationRecord) => op.createdAt,
    id: (op: BulkOperationRecord) => Number(op.id.split("/").pop()),
  },
};

const bulkOperations: FieldResolver = (_root, args, ctx) => {
  const query = args["query"] as string | null | undefined;
  const found = [...ctx.shop.bulkOperations.values()].filter((op) =>
    matchesSearch(op, query, statusSearch),
  );
  const byCompletion = args["sortKey"] === "COMPLETED_AT";

  return connectionOf(found.map(bulkOperationView), args, ctx, {
    idOf: (op) => op.id,
    sortValueOf: (op) => (byCompletion ? (op.completedAt ?? "") : op.createdAt),
  });
};

const currentBulkOperation: FieldResolver = (_root, args, ctx) => {
  if (args["type"] === "MUTATION") return null;
  const [latest] = [...ctx.shop.bulkOperations.values()].reverse();

  return latest ? bulkOperationView(latest) : null;
};

const bulkOperation: FieldResolver = (_root, args, ctx) => {
  const operation = ctx.shop.bulkOperations.get(String(args["id"]));
  return operation ? bulkOperationView(operation) : null;
};

export const bulkOperationResolvers: ResolverMap = {
  QueryRoot: { bulkOperation, bulkOperations, currentBulkOperation },
  Mutation: { bulkOperationRunQuery },
};
