/**
 * How deep a request body may nest. The deepest ACP request nests about
 * eight levels; free-form fields (`metadata`) add a few. Deeper bodies are
 * refused up front: further on, canonical JSON recurses on the stack and
 * Prisma's engine stops at 128 levels, so a deep `metadata` was a 500.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `value` holds arrays or objects more than `maxDepth` levels
 * deep (the root object is level 1). Walks without recursion, so any
 * depth JSON.parse returns is measured without overflowing the stack.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== "object" || node === null) continue;
    if (depth > maxDepth) return true;

    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }

  return false;
}
