/**
 * Shopify's price for a cart: `draftOrderCalculate` computes line prices,
 * discounts, shipping rates and taxes exactly as the shop's own checkout
 * would, and persists nothing. The checkout asks it once per create or
 * update; the line items' variants come along in the same answer, so stock
 * is known without a second call.
 */
import type { DraftOrderInput } from "../types/admin.types";
import type { Logger } from "../lib/logger.server";
import { queryAdmin, type AdminGraphql } from "./admin-client.server";

export const DRAFT_ORDER_CALCULATE = `#graphql
  mutation CheckoutQuote($input: DraftOrderInput!) {
    draftOrderCalculate(input: $input) {
      calculatedDraftOrder {
        currencyCode
        taxesIncluded
        discountCodes
        lineItems {
          uuid
          quantity
          name
          sku
          requiresShipping
          taxable
          originalUnitPriceSet { shopMoney { amount } }
          originalTotalSet { shopMoney { amount } }
          discountedTotalSet { shopMoney { amount } }
          image { url }
          variant {
            id
            legacyResourceId
            title
            sku
            inventoryQuantity
            inventoryPolicy
            selectedOptions { name value }
            inventoryItem { tracked requiresShipping }
            product { id legacyResourceId title description status }
          }
        }
        availableShippingRates {
          handle
          title
          price { amount }
        }
        shippingLine {
          title
          originalPriceSet { shopMoney { amount } }
          discountedPriceSet { shopMoney { amount } }
          taxLines { priceSet { shopMoney { amount } } }
        }
        taxLines { title rate priceSet { shopMoney { amount } } }
        totalLineItemsPriceSet { shopMoney { amount } }
        subtotalPriceSet { shopMoney { amount } }
        totalDiscountsSet { shopMoney { amount } }
        totalShippingPriceSet { shopMoney { amount } }
        totalTaxSet { shopMoney { amount } }
        totalPriceSet { shopMoney { amount } }
        warnings {
          __typename
          errorCode
          field
          message
          ... on DraftOrderDiscountNotAppliedWarning {
            discountCode
          }
        }
      }
      userErrors { field message }
    }
  }
`;

export async function calculateDraftOrder(
  graphql: AdminGraphql,
  input: DraftOrderInput,
  log?: Logger,
) {
  const { data, cost } = await queryAdmin(graphql, DRAFT_ORDER_CALCULATE, {
    variables: { input },
    log,
    // Calculating persists nothing, so a lost answer may be asked again.
    idempotent: true,
  });

  return { payload: data.draftOrderCalculate, cost };
}

export type DraftOrderCalculation = NonNullable<
  NonNullable<
    Awaited<ReturnType<typeof calculateDraftOrder>>["payload"]
  >["calculatedDraftOrder"]
>;
