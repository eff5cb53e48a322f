import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

/**
 * Shopify opens the app with ?shop=...; send it into the embedded admin.
 * Anyone else lands on the login form.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const target = url.searchParams.get("shop") ? "/app" : "/auth/login";

  throw redirect(`${target}?${url.searchParams.toString()}`);
};
