/**
 * Drops every field an older version does not know. Each version's schema
 * closes its objects (`additionalProperties: false`), so a field added
 * later would make the whole response invalid for that version's agents.
 * Rather than listing the fields per version by hand, the walk follows the
 * version's own schema (with overlays), so the list cannot drift.
 */
import { loadCheckoutSchema, type SchemaNode } from "../schema-overlays";
import type { ApiVersion } from "../versions";
import { isJsonObject, objectsIn, type JsonObject } from "./json";

export function pruneToSchema(
  version: ApiVersion,
  definition: string,
  value: JsonObject,
): JsonObject {
  const walker = new SchemaWalker(bundleOf(version));
  const pruned = walker.prune({ $ref: `#/$defs/${definition}` }, value);

  return isJsonObject(pruned) ? pruned : value;
}

const bundles = new Map<ApiVersion, SchemaNode>();

function bundleOf(version: ApiVersion): SchemaNode {
  const cached = bundles.get(version) ?? loadCheckoutSchema(version);
  bundles.set(version, cached);

  return cached;
}

interface ObjectShape {
  properties: Record<string, SchemaNode>;
  closed: boolean;
}

class SchemaWalker {
  constructor(private readonly bundle: SchemaNode) {}

  prune(node: SchemaNode, value: unknown): unknown {
    const schema = this.resolve(node);
    if (Array.isArray(value)) return this.pruneArray(schema, value);
    if (!isJsonObject(value)) return value;

    const shape = this.shapeOf(this.branchFor(schema, value));
    if (!shape) return value;

    return this.pruneObject(shape, value);
  }

  private pruneArray(schema: SchemaNode, value: unknown[]): unknown[] {
    const items = isJsonObject(schema.items) ? schema.items : undefined;

    return items ? value.map((entry) => this.prune(items, entry)) : value;
  }

  private pruneObject(shape: ObjectShape, value: JsonObject): JsonObject {
    const result: JsonObject = {};
    for (const [key, field] of Object.entries(value)) {
      const property = shape.properties[key];
      if (property) result[key] = this.prune(property, field);
      else if (!shape.closed) result[key] = field;
    }

    return result;
  }

  /** Properties of an object schema, merged across `allOf` parts. */
  private shapeOf(node: SchemaNode): ObjectShape | undefined {
    const schema = this.resolve(node);
    const parts = objectsIn(schema.allOf).map((part) => this.shapeOf(part));
    const own = isJsonObject(schema.properties) ? schema.properties : {};
    if (parts.length === 0 && !isJsonObject(schema.properties))
      return undefined;

    return {
      properties: Object.assign(
        {},
        ...parts.map((part) => part?.properties ?? {}),
        objectProperties(own),
      ),
      closed:
        schema.additionalProperties === false ||
        parts.some((part) => part?.closed),
    };
  }

  /**
   * Unions of objects in these schemas are told apart by a `type` const
   * (messages, fulfillment options); pick the branch the value names.
   */
  private branchFor(schema: SchemaNode, value: JsonObject): SchemaNode {
    if (isJsonObject(schema.properties) || Array.isArray(schema.allOf)) {
      return schema;
    }
    const branches = objectsIn(schema.oneOf ?? schema.anyOf);
    const named = branches.find((branch) =>
      this.discriminates(branch, value.type),
    );

    return named ?? schema;
  }

  private discriminates(branch: SchemaNode, type: unknown): boolean {
    const properties = this.resolve(branch).properties;
    const typeSchema = isJsonObject(properties) ? properties.type : undefined;

    return isJsonObject(typeSchema) && typeSchema.const === type;
  }

  private resolve(node: SchemaNode): SchemaNode {
    const ref = node.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/$defs/")) return node;
    const defs = this.bundle.$defs;
    const target = isJsonObject(defs) ? defs[ref.slice(8)] : undefined;

    return isJsonObject(target) ? this.resolve(target) : node;
  }
}

function objectProperties(value: JsonObject): Record<string, SchemaNode> {
  const result: Record<string, SchemaNode> = {};
  for (const [key, schema] of Object.entries(value)) {
    if (isJsonObject(schema)) result[key] = schema;
  }

  return result;
}
