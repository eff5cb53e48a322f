/**
 * Which access scopes a field needs. Shopify's schema export lists them per
 * type and per field (`offline_scopes`); a field is readable when the token
 * holds any one of the listed scopes, and a write scope grants its read
 * scope ("write_orders" covers "read_orders").
 */
import {
  getNamedType,
  isObjectType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import type { ScopeItem } from "./admin-schema";

export interface AccessRequirement {
  /** Any one of these is enough. */
  scopes: string[];
  /** Shopify's prose, quoted in ACCESS_DENIED errors. */
  description: string;
}

export interface AccessRules {
  types: Map<string, AccessRequirement>;
  fields: Map<string, AccessRequirement>;
  /** Requirements per "Type.field", worked out on first use. */
  resolved: Map<string, AccessRequirement[]>;
}

/**
 * Mutations the export leaves out although Shopify checks them (refundCreate
 * documents the `orders` scope only in its description).
 */
const fallbackMutationScopes: [prefix: string, scopes: string[]][] = [
  ["draftOrder", ["write_draft_orders"]],
  ["refund", ["write_orders", "write_marketplace_orders"]],
  ["order", ["write_orders"]],
  ["fulfillment", ["write_orders"]],
];

export function buildAccessRules(items: ScopeItem[]): AccessRules {
  const rules: AccessRules = {
    types: new Map(),
    fields: new Map(),
    resolved: new Map(),
  };

  for (const item of items) {
    const requirement = {
      scopes: item.offlineScopes,
      description: item.requiredAccess,
    };
    if (item.type === "type") rules.types.set(item.typeName, requirement);
    else rules.fields.set(`${item.typeName}.${item.fieldName}`, requirement);
  }

  return rules;
}

/** Scopes as Shopify applies them: each write scope also grants its read. */
export function expandScopes(scopes: Iterable<string>): Set<string> {
  const expanded = new Set<string>();
  for (const scope of scopes) {
    expanded.add(scope);
    if (scope.startsWith("write_")) expanded.add(`read_${scope.slice(6)}`);
    if (scope.startsWith("unauthenticated_write_")) {
      expanded.add(scope.replace("_write_", "_read_"));
    }
  }

  return expanded;
}

export function isGranted(
  granted: ReadonlySet<string>,
  requirement: AccessRequirement,
): boolean {
  if (requirement.scopes.length === 0) return true;

  return requirement.scopes.some((scope) => granted.has(scope));
}

/**
 * Everything a field needs: its own scopes and those of the object it
 * returns. A connection is judged by its node type, so a missing
 * `read_products` is reported on `products` rather than deep inside it.
 */
export function fieldRequirements(
  rules: AccessRules,
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
): AccessRequirement[] {
  const key = `${typeName}.${fieldName}`;
  const cached = rules.resolved.get(key);
  if (cached) return cached;

  const found = [
    ownRequirement(rules, typeName, fieldName),
    returnTypeRequirement(rules, schema, typeName, fieldName),
  ].filter((r): r is AccessRequirement => r !== null && r.scopes.length > 0);

  rules.resolved.set(key, found);
  return found;
}

function ownRequirement(
  rules: AccessRules,
  typeName: string,
  fieldName: string,
): AccessRequirement | null {
  const listed = rules.fields.get(`${typeName}.${fieldName}`);
  if (listed) return listed;
  if (typeName !== "Mutation") return null;

  const fallback = fallbackMutationScopes.find(([prefix]) =>
    fieldName.startsWith(prefix),
  );
  if (!fallback) return null;

  const scopes = fallback[1];
  return { scopes, description: describeScopes(scopes) };
}

function returnTypeRequirement(
  rules: AccessRules,
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
): AccessRequirement | null {
  const parent = schema.getType(typeName);
  if (!isObjectType(parent)) return null;
  const field = parent.getFields()[fieldName];
  if (!field) return null;

  const named = connectionNodeType(getNamedType(field.type));
  return rules.types.get(named.name) ?? null;
}

function connectionNodeType(type: GraphQLNamedType): GraphQLNamedType {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return type;

  const nodes = type.getFields()["nodes"];
  return nodes ? getNamedType(nodes.type) : type;
}

export function describeScopes(scopes: string[]): string {
  const quoted = scopes.map((scope) => `\`${scope}\` access scope`);
  const last = quoted.pop();
  if (last === undefined) return "";
  if (quoted.length === 0) return `${last}.`;

  return `${quoted.join(", ")} or ${last}.`;
}

/** Abstract fields resolve to a concrete type; that type's own rule. */
export function typeRequirement(
  rules: AccessRules,
  typeName: string,
): AccessRequirement | null {
  const found = rules.types.get(typeName);
  return found && found.scopes.length > 0 ? found : null;
}
