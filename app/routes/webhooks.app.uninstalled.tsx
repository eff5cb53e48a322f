import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { recordUninstall } from "../shops/shop-lifecycle.server";

// authenticate.webhook answers 401 itself when the HMAC does not verify.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  await recordUninstall(shop);

  return new Response(null, { status: 200 });
};
