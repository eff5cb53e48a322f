/**
 * The shop's discovery document, `GET /acp/{shop}/.well-known/acp.json`
 * (rfc.discovery.md; `$defs/DiscoveryResponse` of the 2026-04-17
 * schema.agentic_checkout.json). Public and the same for every agent, so
 * it holds no secrets and no merchant identifier (rfc.discovery.md §2.2).
 */
import { LATEST_VERSION, SUPPORTED_VERSIONS } from "./versions";
import type { DiscoveryCapabilities, DiscoveryResponse } from "./wire-types";

/** At least an hour of caching (rfc.discovery.md §4.1, "Caching"). */
export const DISCOVERY_CACHE_CONTROL = "public, max-age=3600";

export interface DiscoveryOptions {
  /** The app's public URL (`APP_URL`). */
  baseUrl: string;
  /** The shop's myshopify subdomain (`demo-store`), or its full domain. */
  shopName: string;
  /** Lowercase ISO 4217 codes the shop sells in, e.g. `["usd"]`. */
  supportedCurrencies?: readonly string[];
  /** BCP 47 tags, e.g. `["en-US"]`. */
  supportedLocales?: readonly string[];
  /** Defaults to checkout alone; add "orders" once order webhooks run. */
  services?: DiscoveryCapabilities["services"];
  interventionTypes?: DiscoveryCapabilities["intervention_types"];
  extensions?: DiscoveryCapabilities["extensions"];
  documentationUrl?: string;
}

export function buildDiscoveryDocument(
  options: DiscoveryOptions,
): DiscoveryResponse {
  return {
    protocol: {
      name: "acp",
      version: LATEST_VERSION,
      // Oldest first here, unlike `Error.supported_versions`: "in
      // chronological order (oldest first) ... The last element is always
      // the latest supported version" (`$defs/DiscoveryProtocol`).
      supported_versions: [...SUPPORTED_VERSIONS].reverse(),
      ...optional("documentation_url", options.documentationUrl),
    },
    api_base_url: acpBaseUrl(options.baseUrl, options.shopName),
    transports: ["rest"],
    capabilities: discoveryCapabilities(options),
  };
}

/** `{APP_URL}/acp/{shop}` (design.md, "Addresses"). */
export function acpBaseUrl(baseUrl: string, shopName: string): string {
  const shop = shopName.replace(/\.myshopify\.com$/i, "");
  const root = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;

  return new URL(`acp/${encodeURIComponent(shop)}`, root).toString();
}

function discoveryCapabilities(
  options: DiscoveryOptions,
): DiscoveryCapabilities {
  return {
    services: options.services?.slice() ?? ["checkout"],
    ...optional("extensions", options.extensions),
    ...optional("intervention_types", options.interventionTypes),
    ...optional("supported_currencies", options.supportedCurrencies?.slice()),
    ...optional("supported_locales", options.supportedLocales?.slice()),
  };
}

function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
