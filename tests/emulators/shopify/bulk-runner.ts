/**
 * Runs bulk query operations in the background, as Shopify does: the
 * mutation answers CREATED, the query then runs over the whole store
 * without pagination, the result becomes a JSONL file (one line per node,
 * nested connection nodes pointing at their parent with `__parentId`) and
 * `bulk_operations/finish` is sent.
 */
import type { DocumentNode } from "graphql";
import { loadAdminSchema } from "./admin-schema";
import type { EmulatorContext, EmulatorServices, ResolverMap } from "./context";
import { runOperation } from "./run-operation";
import type { BulkOperationRecord } from "./store";
import { legacyId } from "./store";
import { bulkOperationFinishPayload } from "./webhook-payloads";

export class BulkRunner implements EmulatorServices {
  private readonly running = new Set<Promise<void>>();
  private held = false;
  private releases: (() => void)[] = [];

  constructor(
    private readonly resolvers: ResolverMap,
    private readonly concurrency: number,
  ) {}

  /** One at a time before 2026-01; from then on, a setting (5 by default). */
  bulkQueryConcurrency(apiVersion: string): number {
    return apiVersion < "2026-01" ? 1 : this.concurrency;
  }

  startBulkQuery(
    context: EmulatorContext,
    operation: BulkOperationRecord,
    document: DocumentNode,
  ): void {
    const run = this.run(context, operation, document);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  hold(held: boolean): void {
    this.held = held;
    if (held) return;

    for (const release of this.releases.splice(0)) release();
  }

  async flush(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private async run(
    context: EmulatorContext,
    operation: BulkOperationRecord,
    document: DocumentNode,
  ): Promise<void> {
    // Answer the mutation first: the work happens after it returns.
    await new Promise((resolve) => setImmediate(resolve));
    operation.status = "RUNNING";
    if (this.held) await new Promise<void>((r) => this.releases.push(r));

    try {
      await this.execute(context, operation, document);
    } catch {
      fail(operation, "INTERNAL_SERVER_ERROR", context);
    }

    context.webhooks.emit(
      context.shop,
      "bulk_operations/finish",
      bulkOperationFinishPayload(operation),
    );
  }

  private async execute(
    context: EmulatorContext,
    operation: BulkOperationRecord,
    document: DocumentNode,
  ): Promise<void> {
    const admin = loadAdminSchema(context.apiVersion);
    if (!admin) return fail(operation, "INTERNAL_SERVER_ERROR", context);

    const result = await runOperation({
      admin,
      resolvers: this.resolvers,
      document,
      operationName: null,
      variables: {},
      context: { ...context, bulk: true, idempotencyKey: null },
    });
    const denied = result.errors?.some(
      (e) => e.extensions["code"] === "ACCESS_DENIED",
    );
    if (denied) return fail(operation, "ACCESS_DENIED", context);
    if (result.errors?.length) {
      return fail(operation, "INTERNAL_SERVER_ERROR", context);
    }

    complete(operation, toJsonLines(result.data ?? {}), context);
  }
}

function complete(
  operation: BulkOperationRecord,
  lines: JsonLines,
  context: EmulatorContext,
): void {
  const file = lines.lines.map((line) => JSON.stringify(line)).join("\n");
  const body = file.length > 0 ? `${file}\n` : "";

  operation.result = body;
  operation.objectCount = lines.lines.length;
  operation.rootObjectCount = lines.rootCount;
  operation.fileSize = Buffer.byteLength(body);
  // Shopify answers no url when a query found nothing.
  operation.url = body ? bulkResultUrl(context, operation) : null;
  operation.status = "COMPLETED";
  operation.completedAt = context.now().toISOString();
}

function fail(
  operation: BulkOperationRecord,
  errorCode: string,
  context: EmulatorContext,
): void {
  operation.status = "FAILED";
  operation.errorCode = errorCode;
  operation.completedAt = context.now().toISOString();
}

export function bulkResultUrl(
  context: EmulatorContext,
  operation: BulkOperationRecord,
): string {
  const file = `${legacyId(operation.id)}.jsonl`;

  return `${context.origin}/__emulator/bulk/${context.shop.domain}/${file}`;
}

type Json = Record<string, unknown>;

interface JsonLines {
  lines: Json[];
  rootCount: number;
}

/**
 * Flattens the data of a bulk query: each node of a connection becomes a
 * line, its nested connections are cut out and their nodes follow it with
 * `__parentId` (Shopify's "JSONL with parent ids" format).
 */
export function toJsonLines(data: Json): JsonLines {
  const out: JsonLines = { lines: [], rootCount: 0 };

  for (const value of Object.values(data)) {
    const nodes = connectionNodes(value);
    out.rootCount += nodes?.length ?? 0;
    for (const node of nodes ?? []) emitNode(node, null, out);
  }

  return out;
}

function emitNode(node: Json, parentId: string | null, out: JsonLines) {
  const children: Json[][] = [];
  const line = stripConnections(node, children);
  if (parentId) line["__parentId"] = parentId;
  out.lines.push(line);

  const id = typeof node["id"] === "string" ? node["id"] : parentId;
  for (const nodes of children) {
    for (const child of nodes) emitNode(child, id, out);
  }
}

/** A copy of `value` without connections; their nodes go to `children`. */
function stripConnections(value: Json, children: Json[][]): Json {
  const copy: Json = {};

  for (const [key, field] of Object.entries(value)) {
    const nodes = connectionNodes(field);
    if (nodes) children.push(nodes);
    else if (isObject(field)) copy[key] = stripConnections(field, children);
    else copy[key] = field;
  }

  return copy;
}

function connectionNodes(value: unknown): Json[] | null {
  if (!isObject(value)) return null;

  if (Array.isArray(value["nodes"])) return value["nodes"].filter(isObject);
  if (Array.isArray(value["edges"])) {
    return value["edges"]
      .map((edge: unknown) => (isObject(edge) ? edge["node"] : null))
      .filter(isObject);
  }

  return null;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
