export const VARIANTS_EXIST_QUERY = `#graphql
  query VariantsExist($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
      }
    }
  }
`;
