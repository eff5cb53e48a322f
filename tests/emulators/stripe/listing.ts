/**
 * List endpoints (`{ object: "list", data, has_more, url }`, newest first,
 * cursor pagination with starting_after / ending_before) and `expand[]`.
 * https://docs.stripe.com/api/pagination and /api/expanding_objects
 */
import type { Handler, RequestContext } from "./context";
import { invalidRequest } from "./errors";
import type { Params } from "./params";

interface Listed {
  id: string;
  created: number;
}

const PAGE_PARAMS = [
  "limit",
  "starting_after",
  "ending_before",
  "expand",
  "created",
];

export function listHandler<T extends Listed>(
  url: string,
  source: (ctx: RequestContext) => Iterable<T>,
  filters: Record<string, (item: T, value: string) => boolean> = {},
): Handler {
  return (ctx, params) => {
    params.allowOnly([...PAGE_PARAMS, ...Object.keys(filters)]);

    const all = newestFirst(ctx, [...source(ctx)]).filter((item) =>
      Object.entries(filters).every(([key, test]) => {
        const value = params.string(key);
        return value === undefined || test(item, value);
      }),
    );
    return page(all, params, url);
  };
}

function newestFirst<T extends Listed>(ctx: RequestContext, items: T[]): T[] {
  const order = (item: T) => ctx.state.sequence.get(item.id) ?? 0;
  return items.sort((a, b) => b.created - a.created || order(b) - order(a));
}

function page<T extends Listed>(items: T[], params: Params, url: string) {
  const limit = params.integer("limit") ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest({
      message: "Invalid limit: must be between 1 and 100",
      param: "limit",
    });
  }

  const after = params.string("starting_after");
  const before = params.string("ending_before");
  const window = slice(items, after, before, limit);
  return { object: "list", data: window.data, has_more: window.hasMore, url };
}

function slice<T extends Listed>(
  items: T[],
  after: string | undefined,
  before: string | undefined,
  limit: number,
): { data: T[]; hasMore: boolean } {
  if (before !== undefined) {
    const end = cursorIndex(items, before, "ending_before");
    const start = Math.max(0, end - limit);
    return { data: items.slice(start, end), hasMore: start > 0 };
  }

  const start =
    after === undefined ? 0 : cursorIndex(items, after, "starting_after") + 1;
  const data = items.slice(start, start + limit);
  return { data, hasMore: start + limit < items.length };
}

function cursorIndex(items: Listed[], id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index === -1) {
    throw invalidRequest({
      code: "resource_missing",
      message: `No such object: '${id}'`,
      param,
    });
  }
  return index;
}

/** Object id prefixes the emulator can expand, and where they live. */
function lookup(ctx: RequestContext, id: string): unknown {
  const { state } = ctx;
  if (id.startsWith("pi_")) return state.paymentIntents.get(id);
  if (id.startsWith("ch_")) return state.charges.get(id);
  if (id.startsWith("pm_")) return state.paymentMethods.get(id);
  if (id.startsWith("re_")) return state.refunds.get(id);
  return undefined;
}

/**
 * Replaces id fields named by `expand[]` (dotted paths, `data.` for lists)
 * with their objects. Like Stripe, an unexpandable path is a 400.
 */
export function expand(
  ctx: RequestContext,
  body: unknown,
  paths: string[],
): unknown {
  let out = structuredClone(body);
  for (const path of paths) out = expandPath(ctx, out, path.split("."), path);
  return out;
}

function expandPath(
  ctx: RequestContext,
  value: unknown,
  segments: string[],
  fullPath: string,
): unknown {
  const [head, ...rest] = segments;
  if (head === undefined || !isRecord(value)) return value;

  if (
    head === "data" &&
    value["object"] === "list" &&
    Array.isArray(value["data"])
  ) {
    value["data"] = value["data"].map((item: unknown) =>
      expandPath(ctx, item, rest, fullPath),
    );
    return value;
  }

  const field = value[head];
  const target =
    typeof field === "string" ? structuredClone(lookup(ctx, field)) : field;
  if (!(head in value) || (typeof field === "string" && target === undefined)) {
    throw invalidRequest({
      message: `This property cannot be expanded (${fullPath}).`,
      param: "expand",
    });
  }

  value[head] = rest.length ? expandPath(ctx, target, rest, fullPath) : target;
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
