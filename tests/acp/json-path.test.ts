import { describe, expect, it } from "vitest";
import { formatJsonPath, jsonPointerToPath } from "../../app/acp/json-path";

describe("formatJsonPath", () => {
  it.each([
    [[], "$"],
    [["line_items", 0, "quantity"], "$.line_items[0].quantity"],
    [["metadata", "gift note"], "$.metadata['gift note']"],
    [["metadata", "it's"], "$.metadata['it\\'s']"],
    [["metadata", "a\\b"], "$.metadata['a\\\\b']"],
    [["metadata", "tab\there"], "$.metadata['tab\\u0009here']"],
    [["metadata", "9lives"], "$.metadata['9lives']"],
    [["métadonnées"], "$.métadonnées"],
  ])("writes %j as %s", (segments, path) => {
    expect(formatJsonPath(segments)).toBe(path);
  });
});

describe("jsonPointerToPath", () => {
  it.each([
    ["", {}, "$"],
    ["/line_items/0/id", { line_items: [{}] }, "$.line_items[0].id"],
    ["/metadata/0", { metadata: { "0": 1 } }, "$.metadata['0']"],
    ["/a~1b/c~0d", { "a/b": {} }, "$['a/b']['c~d']"],
  ])("reads %s as %s", (pointer, data, path) => {
    expect(jsonPointerToPath(pointer, data)).toBe(path);
  });
});
