/**
 * What a request body may hold beyond what JSON.parse accepts, checked
 * once, right after parsing, so that no later step fails on it with a 500:
 *
 * - nesting: the deepest ACP request nests about eight levels, free-form
 *   fields (`metadata`) a few more. Canonical JSON recurses on the stack,
 *   and Prisma's engine gives up past 128 levels.
 * - text: PostgreSQL stores neither a NUL character nor an unpaired UTF-16
 *   surrogate in `jsonb` or `text`, and RFC 8785 has no form for the
 *   latter. JSON.parse accepts both (`"\u0000"`, `"\ud800"`).
 */
import { formatJsonPath, type PathSegment } from "./json-path";

export const MAX_JSON_DEPTH = 64;

export interface BodyLimitProblem {
  param: string;
  message: string;
}

/**
 * The first place `body` breaks a limit, or null. Walks without
 * recursion, so any depth JSON.parse returns is measured safely.
 */
export function findBodyLimitProblem(body: unknown): BodyLimitProblem | null {
  const pending: [unknown, PathSegment[]][] = [[body, []]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, path] = next;
    if (typeof node === "string" && !isStorableText(node)) {
      return problem(path, "holds a NUL character or a lone surrogate");
    }
    if (typeof node !== "object" || node === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      return problem(path, `nests deeper than ${MAX_JSON_DEPTH} levels`);
    }

    for (const [key, child] of Object.entries(node)) {
      const segment = Array.isArray(node) ? Number(key) : key;
      if (!isStorableText(key)) {
        return problem(path, "has a name with a NUL or a lone surrogate");
      }
      pending.push([child, [...path, segment]]);
    }
  }

  return null;
}

function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !/\p{Cs}/u.test(text);
}

function problem(path: PathSegment[], what: string): BodyLimitProblem {
  const param = formatJsonPath(path);
  const field = path.length === 0 ? "The body" : `Field ${param.slice(2)}`;

  return { param, message: `${field} ${what}.` };
}
