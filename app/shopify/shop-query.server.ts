export const SHOP_QUERY = `#graphql
  query ShopOverview {
    shop {
      name
      myshopifyDomain
      currencyCode
      primaryDomain {
        url
      }
    }
  }
`;
