/**
 * A GraphQL call to the emulator the way the app's client makes it, for
 * tests that talk to `handle` directly rather than through
 * @shopify/shopify-api.
 */
import type { ShopifyEmulator } from "./emulator";

export interface AdminRequest {
  shop: string;
  token: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  apiVersion?: string;
}

export interface AdminAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export function adminGraphqlRequest(request: AdminRequest): Request {
  const version = request.apiVersion ?? "2026-07";
  const url = `https://${request.shop}/admin/api/${version}/graphql.json`;

  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-access-token": request.token,
    },
    body: JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
    }),
  });
}

export async function adminGraphql<T = Record<string, unknown>>(
  emulator: ShopifyEmulator,
  request: AdminRequest,
): Promise<AdminAnswer<T>> {
  const response = await emulator.handle(adminGraphqlRequest(request));

  return { status: response.status, body: (await response.json()) as T };
}
