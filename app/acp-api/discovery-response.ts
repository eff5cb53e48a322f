import {
  buildDiscoveryDocument,
  DISCOVERY_CACHE_CONTROL,
} from "../acp/discovery";
import { getShopCheckoutProfile } from "../checkout/shop-checkout-profile.server";
import {
  jsonResponse,
  type AcpHttpResponse,
} from "./handle-acp-request.server";

/** The shop's public discovery document: no key, no version, cacheable. */
export async function discoveryResponse(
  appUrl: string,
  shop: string,
): Promise<AcpHttpResponse> {
  const profile = await getShopCheckoutProfile(shop);
  const document = buildDiscoveryDocument({
    baseUrl: appUrl,
    shopName: shop,
    supportedCurrencies: profile.currency ? [profile.currency] : undefined,
    interventionTypes: ["3ds"],
    extensions: [{ name: "discount" }],
  });

  return jsonResponse(200, document, {
    "Cache-Control": DISCOVERY_CACHE_CONTROL,
  });
}
