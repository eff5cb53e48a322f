/**
 * What the sandbox reads from the app's own configuration, so the emulated
 * Shopify sends the webhooks the real one would: the subscriptions and
 * scopes of shopify.app.toml.
 */
import { readFileSync } from "node:fs";

export interface AppToml {
  scopes: string[];
  webhookApiVersion: string;
  subscriptions: { topic: string; uri: string }[];
}

/**
 * Reads the few keys the sandbox needs. Not a TOML parser: it knows the
 * shapes this project's shopify.app.toml uses, and fails loudly otherwise.
 */
export function readAppToml(path = "shopify.app.toml"): AppToml {
  const text = readFileSync(path, "utf8");
  const scopes = /^\s*scopes\s*=\s*"([^"]*)"/m.exec(text)?.[1];
  const apiVersion = /^\s*api_version\s*=\s*"([^"]*)"/m.exec(text)?.[1];
  if (scopes === undefined || apiVersion === undefined) {
    throw new Error(`${path}: no access_scopes.scopes or webhooks.api_version`);
  }

  return {
    scopes: scopes.split(",").map((scope) => scope.trim()),
    webhookApiVersion: apiVersion,
    subscriptions: text
      .split("[[webhooks.subscriptions]]")
      .slice(1)
      .flatMap(subscriptionsOf),
  };
}

function subscriptionsOf(block: string) {
  const uri = /^\s*uri\s*=\s*"([^"]*)"/m.exec(block)?.[1];
  const list = /^\s*(?:compliance_)?topics\s*=\s*\[([^\]]*)\]/m.exec(
    block,
  )?.[1];
  if (!uri || !list) throw new Error("a webhook subscription lacks uri/topics");

  return [...list.matchAll(/"([^"]+)"/g)].map((match) => ({
    topic: match[1] ?? "",
    uri,
  }));
}
