import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { recordScopesUpdate } from "../shops/shop-lifecycle.server";

const payloadSchema = z.object({ current: z.array(z.string()) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticate.webhook(request);
  await recordScopesUpdate(shop, payloadSchema.parse(payload).current);

  return new Response(null, { status: 200 });
};
