import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { customerFromPayload, redactCustomer } from "../shops/privacy.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticate.webhook(request);
  await redactCustomer(customerFromPayload(shop, payload));

  return new Response(null, { status: 200 });
};
