import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import {
  customerFromPayload,
  describeCustomerData,
} from "../shops/privacy.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticate.webhook(request);
  const report = await describeCustomerData(customerFromPayload(shop, payload));

  return json(report);
};
