/**
 * JSONPath strings for the `param` of errors and messages. The spec asks
 * for RFC 9535 JSONPath (rfc.agentic_checkout.md, Error and MessageError);
 * we write normalized-style paths in the short form its examples use:
 * `$.line_items[0].quantity`, with bracket notation for names that are not
 * plain identifiers (`$.metadata['gift note']`).
 */
export type PathSegment = string | number;

// RFC 9535 §2.5.1.1 member-name-shorthand: name-first, then name-chars.
const SHORTHAND_NAME = /^[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_\u0080-\uFFFF]*$/;

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

export function formatJsonPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>(
    (path, segment) => path + formatSegment(segment),
    "$",
  );
}

/**
 * Turns a JSON Pointer (as ajv reports `instancePath`) into a JSONPath.
 * The data decides whether a numeric token is an array index or an object
 * key named "0".
 */
export function jsonPointerToPath(pointer: string, root: unknown): string {
  return formatJsonPath(pointerToSegments(pointer, root));
}

export function pointerToSegments(
  pointer: string,
  root: unknown,
): PathSegment[] {
  const tokens = pointer === "" ? [] : pointer.slice(1).split("/");
  const segments: PathSegment[] = [];
  let node = root;

  for (const token of tokens.map(unescapePointerToken)) {
    const isIndex = Array.isArray(node) && ARRAY_INDEX.test(token);
    const segment = isIndex ? Number(token) : token;
    segments.push(segment);
    node = childOf(node, segment);
  }

  return segments;
}

function formatSegment(segment: PathSegment): string {
  if (typeof segment === "number") return `[${segment}]`;
  if (SHORTHAND_NAME.test(segment)) return `.${segment}`;

  return `['${escapeName(segment)}']`;
}

// RFC 9535 §2.3.1.2: backslash and the quote are escaped; control
// characters use \uXXXX.
function escapeName(name: string): string {
  return Array.from(name, escapeChar).join("");
}

function escapeChar(char: string): string {
  if (char === "\\" || char === "'") return `\\${char}`;
  const code = char.charCodeAt(0);
  if (code >= 0x20) return char;

  return `\\u${code.toString(16).padStart(4, "0")}`;
}

function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

function childOf(node: unknown, segment: PathSegment): unknown {
  if (typeof segment === "number") {
    return Array.isArray(node) ? node[segment] : undefined;
  }
  if (node === null || typeof node !== "object") return undefined;

  return (node as Record<string, unknown>)[segment];
}
