export const SHOP_POLICIES_QUERY = `#graphql
  query ShopPolicies {
    shop {
      currencyCode
      shopPolicies {
        type
        url
      }
    }
  }
`;
