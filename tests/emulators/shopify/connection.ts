/**
 * Relay connections with keyset cursors, as Shopify pages: a cursor names
 * the sort value and id of an item, so pages stay correct when items are
 * added or removed between requests. Any resolver module may use it.
 */
import { GraphQLError } from "graphql";
import type { EmulatorContext } from "./context";
import { legacyId } from "./store";

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

type SortValue = string | number;

interface CursorKey {
  last_id: number;
  last_value: SortValue;
}

export interface ConnectionOptions<T> {
  /** The gid of an item: the tiebreaker of every sort. */
  idOf: (item: T) => string;
  /** The value of the sort key; the id when absent. */
  sortValueOf?: (item: T) => SortValue;
}

/**
 * One page of `items` (in any order) by `args`, sorted by the sort value
 * and then id. Outside bulk operations Shopify demands `first` or `last`.
 */
export function connectionOf<T>(
  items: readonly T[],
  args: ConnectionArgs,
  context: Pick<EmulatorContext, "bulk">,
  options: ConnectionOptions<T>,
): Connection<T> {
  requirePageSize(args, context);

  const keyOf = (item: T): CursorKey => ({
    last_id: legacyId(options.idOf(item)),
    last_value: options.sortValueOf?.(item) ?? legacyId(options.idOf(item)),
  });
  const direction = args.reverse ? -1 : 1;
  const order = (a: CursorKey, b: CursorKey) => direction * compareKeys(a, b);
  const sorted = [...items].sort((a, b) => order(keyOf(a), keyOf(b)));

  const window = sorted.filter((item) => inWindow(keyOf(item), args, order));
  const page = slicePage(window, args);

  return buildConnection(sorted, page, keyOf);
}

function requirePageSize(
  args: ConnectionArgs,
  context: Pick<EmulatorContext, "bulk">,
): void {
  if (context.bulk) return;
  if (typeof args.first === "number" || typeof args.last === "number") return;

  throw new GraphQLError("you must provide one of first or last", {
    extensions: { code: "BAD_REQUEST" },
  });
}

function inWindow(
  key: CursorKey,
  args: ConnectionArgs,
  order: (a: CursorKey, b: CursorKey) => number,
): boolean {
  const after = args.after ? decodeCursor(args.after) : null;
  const before = args.before ? decodeCursor(args.before) : null;

  if (after && order(key, after) <= 0) return false;
  if (before && order(key, before) >= 0) return false;

  return true;
}

function slicePage<T>(window: T[], args: ConnectionArgs): T[] {
  let page = window;
  if (typeof args.first === "number") page = page.slice(0, args.first);
  if (typeof args.last === "number") {
    page = page.slice(Math.max(0, page.length - args.last));
  }

  return page;
}

function buildConnection<T>(
  sorted: T[],
  page: T[],
  keyOf: (item: T) => CursorKey,
): Connection<T> {
  const edges = page.map((node) => ({
    cursor: encodeCursor(keyOf(node)),
    node,
  }));
  const first = page[0];
  const last = page.at(-1);

  return {
    edges,
    nodes: page,
    pageInfo: {
      hasPreviousPage: first !== undefined && sorted.indexOf(first) > 0,
      hasNextPage:
        last !== undefined && sorted.indexOf(last) < sorted.length - 1,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function compareKeys(a: CursorKey, b: CursorKey): number {
  if (a.last_value < b.last_value) return -1;
  if (a.last_value > b.last_value) return 1;

  return a.last_id - b.last_id;
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64");
}

function decodeCursor(cursor: string): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    if (typeof key?.last_id === "number") return key as CursorKey;
  } catch {
    // Falls through to Shopify's answer for a cursor it did not issue.
  }

  throw new GraphQLError(`Invalid cursor for current pagination sort.`, {
    extensions: { code: "BAD_REQUEST" },
  });
}
