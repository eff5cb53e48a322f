/**
 * Shopify's Admin GraphQL schemas, one per API version, built on first use
 * and cached: building one takes about half a second, so a test run pays
 * it once per version however many emulators it creates.
 */
import { readFileSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";
import { buildAccessRules, type AccessRules } from "./access-scopes";

export interface AdminSchema {
  version: string;
  schema: GraphQLSchema;
  access: AccessRules;
}

interface SchemaExport {
  data: IntrospectionQuery;
  offline_scopes?: { items: ScopeItem[] };
}

export interface ScopeItem {
  type: "type" | "field";
  typeName: string;
  fieldName?: string;
  requiredAccess: string;
  offlineScopes: string[];
}

const cache = new Map<string, AdminSchema>();

/** The versions whose schema file ships with the emulator. */
export const supportedApiVersions = ["2026-01", "2026-04", "2026-07"];

function schemaFile(version: string): URL {
  return new URL(`./schema/admin-${version}.schema.json.gz`, import.meta.url);
}

/**
 * The schema of an Admin API version, or null for a version the emulator
 * does not know (Shopify answers those with 404).
 */
export function loadAdminSchema(version: string): AdminSchema | null {
  const cached = cache.get(version);
  if (cached) return cached;

  if (!supportedApiVersions.includes(version)) return null;
  const file = schemaFile(version);
  if (!existsSync(file)) return null;

  const parsed = JSON.parse(
    gunzipSync(readFileSync(file)).toString("utf8"),
  ) as SchemaExport;
  const built: AdminSchema = {
    version,
    schema: buildClientSchema(parsed.data, { assumeValid: true }),
    access: buildAccessRules(parsed.offline_scopes?.items ?? []),
  };

  cache.set(version, built);
  return built;
}
