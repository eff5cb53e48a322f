/**
 * The addresses of the ACP API, below `/acp/{shop}` where `{shop}` is the
 * shop's myshopify subdomain (design brief, "Addresses").
 */
import type { RequestOperation } from "../acp/schemas.server";

export type AcpOperation = RequestOperation | "get" | "discovery";

export interface AcpRoute {
  /** The myshopify domain: `demo-store.myshopify.com`. */
  shop: string;
  operation: AcpOperation;
  sessionId: string | null;
  /** The idempotency scope: method and path below the shop. */
  endpoint: string;
}

export type RouteMatch =
  | { kind: "route"; route: AcpRoute }
  | { kind: "not_found" }
  | { kind: "method_not_allowed"; allowed: string[] };

const PATH =
  /^\/acp\/([a-z0-9][a-z0-9-]{0,62})(\/\.well-known\/acp\.json|\/checkout_sessions(?:\/([A-Za-z0-9_-]{1,64})(\/complete|\/cancel)?)?)\/?$/;

export function matchAcpRoute(method: string, pathname: string): RouteMatch {
  const match = PATH.exec(pathname);
  if (!match) return { kind: "not_found" };

  const [, subdomain = "", rest = "", sessionId, action] = match;
  const shop = `${subdomain}.myshopify.com`;
  const allowed = allowedMethods(rest, sessionId, action);
  const operation = operationOf(method, rest, sessionId, action);
  if (!operation) return { kind: "method_not_allowed", allowed };

  const path = rest.replace(/\/$/, "");

  return {
    kind: "route",
    route: {
      shop,
      operation,
      sessionId: sessionId ?? null,
      endpoint: `${method} ${path}`,
    },
  };
}

function operationOf(
  method: string,
  rest: string,
  sessionId: string | undefined,
  action: string | undefined,
): AcpOperation | null {
  if (rest.startsWith("/.well-known"))
    return method === "GET" ? "discovery" : null;
  if (!sessionId) return method === "POST" ? "create" : null;
  if (action === "/complete") return method === "POST" ? "complete" : null;
  if (action === "/cancel") return method === "POST" ? "cancel" : null;
  if (method === "GET") return "get";

  return method === "POST" ? "update" : null;
}

function allowedMethods(
  rest: string,
  sessionId: string | undefined,
  action: string | undefined,
): string[] {
  if (rest.startsWith("/.well-known")) return ["GET"];
  if (!sessionId || action) return ["POST"];

  return ["GET", "POST"];
}
