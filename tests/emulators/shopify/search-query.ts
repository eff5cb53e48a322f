/**
 * A subset of Shopify's search syntax (shopify.dev "Search syntax") for the
 * `query:` argument: terms joined by AND, `field:value`, comparisons
 * (`updated_at:>'2026-01-01'`, `id:>=1005`), comma lists
 * (`status:active,draft`), a trailing `*` wildcard, `-field:value` to
 * negate, and bare words matched against the item's text.
 */

/** What a field yields for an item; lists match if any element does. */
export type FieldValue = string | number | boolean | null | string[];

export interface SearchFields<T> {
  fields: Record<string, (item: T) => FieldValue>;
  /** Text a bare word is looked for in. */
  text: (item: T) => string;
}

interface Term {
  field: string | null;
  operator: ":" | ">" | ">=" | "<" | "<=";
  value: string;
  negated: boolean;
}

export function matchesSearch<T>(
  item: T,
  query: string | null | undefined,
  search: SearchFields<T>,
): boolean {
  if (!query?.trim()) return true;

  return parseTerms(query).every((term) => {
    const matched = matchesTerm(item, term, search);
    return term.negated ? !matched : matched;
  });
}

function parseTerms(query: string): Term[] {
  const tokens = query.match(
    /-?[\w.]+:(?:[<>]=?)?(?:'[^']*'|"[^"]*"|\S+)|'[^']*'|"[^"]*"|\S+/g,
  );

  return (tokens ?? []).filter((token) => token !== "AND").map(parseTerm);
}

function parseTerm(token: string): Term {
  const negated = token.startsWith("-");
  const body = negated ? token.slice(1) : token;
  const match = /^([\w.]+):(>=|<=|>|<)?(.*)$/.exec(body);

  if (!match) {
    return { field: null, operator: ":", value: unquote(body), negated };
  }

  const operator = (match[2] ?? ":") as Term["operator"];
  return {
    field: match[1] ?? null,
    operator,
    value: unquote(match[3] ?? ""),
    negated,
  };
}

function unquote(value: string): string {
  return value.replace(/^['"]|['"]$/g, "");
}

function matchesTerm<T>(item: T, term: Term, search: SearchFields<T>): boolean {
  if (term.field === null) {
    return search.text(item).toLowerCase().includes(term.value.toLowerCase());
  }

  const read = search.fields[term.field];
  // Shopify ignores filters it does not know rather than failing the query.
  if (!read) return true;

  const value = read(item);
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => matchesValue(v, term));
}

function matchesValue(
  value: string | number | boolean | null,
  term: Term,
): boolean {
  if (value === null) return term.value === "null";
  if (term.operator !== ":") return compare(value, term);

  return term.value
    .split(",")
    .some((wanted) => equalsLoosely(String(value), wanted));
}

/** Text fields match whole values or single words, as Shopify tokenises. */
function equalsLoosely(actual: string, wanted: string): boolean {
  const w = wanted.toLowerCase();
  const candidates = [actual, ...actual.split(/\s+/)].map((a) =>
    a.toLowerCase(),
  );
  if (w.endsWith("*")) {
    return candidates.some((a) => a.startsWith(w.slice(0, -1)));
  }

  return candidates.includes(w);
}

function compare(value: string | number | boolean, term: Term): boolean {
  const difference = order(value, term.value);

  switch (term.operator) {
    case ">":
      return difference > 0;
    case ">=":
      return difference >= 0;
    case "<":
      return difference < 0;
    default:
      return difference <= 0;
  }
}

/** Numbers compare as numbers, timestamps as instants, the rest as text. */
function order(value: string | number | boolean, wanted: string): number {
  if (typeof value === "number") return value - Number(wanted);

  const left = Date.parse(String(value));
  const right = Date.parse(wanted);
  if (!Number.isNaN(left) && !Number.isNaN(right)) return left - right;

  return String(value).localeCompare(wanted);
}
