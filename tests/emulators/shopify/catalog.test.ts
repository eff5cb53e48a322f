import { beforeEach, describe, expect, it } from "vitest";
import { adminGraphql } from "./admin-request";
import { createShopifyEmulator, type ShopifyEmulator } from "./emulator";
import { addProduct, demoSpecials, seedDemoCatalog } from "./seed-catalog";

const shop = "demo-store.myshopify.com";
let emulator: ShopifyEmulator;
let token: string;

beforeEach(() => {
  emulator = createShopifyEmulator({
    scopes: ["write_products", "read_inventory", "read_locations"],
  });
  seedDemoCatalog(emulator.addShop(shop));
  token = emulator.installApp(shop);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers
type Json = any;

async function data(query: string, variables?: Record<string, unknown>) {
  const { body } = await adminGraphql<Json>(emulator, {
    shop,
    token,
    query,
    variables,
  });
  expect(body.errors).toBeUndefined();

  return body.data;
}

const page = `query Page($first: Int, $after: String, $last: Int, $before: String) {
  products(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe("products connection", () => {
  it("pages forward with first/after until hasNextPage is false", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let hasNextPage = true;

    while (hasNextPage) {
      const result: Json = await data(page, { first: 10, after });
      const { edges, pageInfo } = result.products;
      seen.push(...edges.map((e: Json) => e.node.id));
      after = pageInfo.endCursor;
      hasNextPage = pageInfo.hasNextPage;
    }

    expect(seen).toHaveLength(44);
    expect(new Set(seen).size).toBe(44);
    expect(seen[0]).toBe("gid://shopify/Product/1001");
  });

  it("pages backward with last/before", async () => {
    const end: Json = await data(page, { last: 3 });
    const before: Json = await data(page, {
      last: 2,
      before: end.products.pageInfo.startCursor,
    });

    expect(end.products.edges.map((e: Json) => e.node.id)).toEqual([
      "gid://shopify/Product/1042",
      "gid://shopify/Product/1043",
      "gid://shopify/Product/1044",
    ]);
    expect(end.products.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
    });
    expect(before.products.edges.map((e: Json) => e.node.id)).toEqual([
      "gid://shopify/Product/1040",
      "gid://shopify/Product/1041",
    ]);
  });

  it("keeps a cursor valid after the product it names is deleted", async () => {
    const first: Json = await data(page, { first: 2 });
    emulator.requireShop(shop).products.delete("gid://shopify/Product/1002");

    const next: Json = await data(page, {
      first: 1,
      after: first.products.pageInfo.endCursor,
    });

    expect(next.products.edges[0].node.id).toBe("gid://shopify/Product/1003");
  });

  it("requires first or last, as Shopify does", async () => {
    const { body } = await adminGraphql<Json>(emulator, {
      shop,
      token,
      query: "{ products { nodes { id } } }",
    });

    expect(body.errors[0].message).toBe(
      "you must provide one of first or last",
    );
  });

  it.each([
    ["status:active", 42],
    ["status:draft", 1],
    ["status:active,archived", 43],
    ["-status:active", 2],
    ["id:>1040", 4],
    ["updated_at:>'2026-01-06T19:00:00Z'", 10],
    ["title:Alpine", 4],
    ["vendor:Copperleaf", 9],
    ["tag:bestseller", 11],
    ["sku:classic-tee-1", 1],
    ["Hoodie status:active", 6],
  ])("filters with query %j", async (query, expected) => {
    const result: Json = await data(
      "query Find($q: String) { products(first: 100, query: $q) { nodes { id } } }",
      { q: query },
    );

    expect(result.products.nodes).toHaveLength(expected);
  });

  it("sorts by sortKey and reverses", async () => {
    const result: Json = await data(
      "{ products(first: 3, sortKey: TITLE, reverse: true) { nodes { title } } }",
    );
    const titles = result.products.nodes.map((n: Json) => n.title);

    expect(titles).toEqual([...titles].sort().reverse());
    expect(titles).toEqual([
      "Willow Soy Candle",
      "Willow Pocket Tee",
      "Willow Camp Mug",
    ]);
  });
});

describe("product fields", () => {
  it("answers what the product feed reads", async () => {
    const result: Json = await data(`{
      product(id: "gid://shopify/Product/1003") {
        id legacyResourceId title handle description descriptionHtml vendor
        productType status tags totalInventory onlineStoreUrl createdAt
        updatedAt publishedAt requiresSellingPlan isGiftCard
        options { name values }
        featuredMedia { ... on MediaImage { image { url altText width height } } }
        media(first: 5) { nodes { mediaContentType ... on MediaImage { image { url } } } }
        variantsCount { count }
        metafields(first: 5) { nodes { namespace key value type } }
      }
    }`);

    expect(result.product).toMatchObject({
      id: "gid://shopify/Product/1003",
      legacyResourceId: "1003",
      title: "Alpine Mug",
      handle: "alpine-mug",
      description: "The Alpine Mug from our mug range.\nMade to last.",
      vendor: "Blue Heron Studio",
      productType: "Mug",
      status: "ACTIVE",
      onlineStoreUrl: `https://${shop}/products/alpine-mug`,
      requiresSellingPlan: false,
      isGiftCard: false,
      options: [{ name: "Size", values: ["S", "M", "L"] }],
      variantsCount: { count: 3 },
      featuredMedia: {
        image: {
          url: "https://cdn.shopify.com/s/files/1/0600/0001/files/alpine-mug-1.jpg",
          altText: "Alpine Mug, view 1",
          width: 1200,
          height: 1200,
        },
      },
    });
    expect(result.product.media.nodes).toHaveLength(3);
    expect(result.product.media.nodes[0].mediaContentType).toBe("IMAGE");
  });

  it("answers variant, inventory item and level fields", async () => {
    const result: Json = await data(`{
      productVariant(id: "gid://shopify/ProductVariant/1001") {
        id title sku barcode price compareAtPrice taxable inventoryPolicy
        inventoryQuantity availableForSale selectedOptions { name value }
        image { url } product { id }
        inventoryItem {
          id tracked requiresShipping measurement { weight { value unit } }
          inventoryLevels(first: 5) { nodes {
            location { id name }
            quantities(names: ["available", "committed", "reserved", "on_hand"]) { name quantity }
          } }
        }
      }
    }`);

    expect(result.productVariant).toMatchObject({
      sku: "classic-tee-1",
      price: "24.00",
      taxable: true,
      inventoryPolicy: "DENY",
      inventoryQuantity: 4,
      availableForSale: true,
      product: { id: "gid://shopify/Product/1001" },
      inventoryItem: {
        tracked: true,
        requiresShipping: true,
        measurement: { weight: { value: 180, unit: "GRAMS" } },
      },
    });
    const [level] = result.productVariant.inventoryItem.inventoryLevels.nodes;
    expect(level.location.name).toBe("Main warehouse");
    expect(level.quantities).toEqual([
      { name: "available", quantity: 4 },
      { name: "committed", quantity: 0 },
      { name: "reserved", quantity: 0 },
      { name: "on_hand", quantity: 4 },
    ]);
  });

  it("marks the sold-out product unavailable and the digital one unshipped", async () => {
    const soldOut = `gid://shopify/Product/${1001 + demoSpecials.soldOut}`;
    const digital = `gid://shopify/Product/${1001 + demoSpecials.digital}`;
    const result: Json = await data(
      `query Two($ids: [ID!]!) { nodes(ids: $ids) { ... on Product {
        totalInventory
        variants(first: 4) { nodes { availableForSale inventoryItem { requiresShipping } } }
      } } }`,
      { ids: [soldOut, digital] },
    );

    const [sold, download] = result.nodes;
    expect(sold.totalInventory).toBe(0);
    expect(sold.variants.nodes.every((v: Json) => !v.availableForSale)).toBe(
      true,
    );
    expect(download.variants.nodes[0].inventoryItem.requiresShipping).toBe(
      false,
    );
    expect(download.variants.nodes[0].availableForSale).toBe(true);
  });

  it("answers null for an id of another type or of nothing", async () => {
    const result: Json = await data(`{
      wrongType: product(id: "gid://shopify/ProductVariant/1001") { id }
      missing: product(id: "gid://shopify/Product/999999") { id }
    }`);

    expect(result).toEqual({ wrongType: null, missing: null });
  });

  it("finds variants by sku across products", async () => {
    const result: Json = await data(
      '{ productVariants(first: 5, query: "sku:alpine-mug-2") { nodes { sku product { title } } } }',
    );

    expect(result.productVariants.nodes).toEqual([
      { sku: "alpine-mug-2", product: { title: "Alpine Mug" } },
    ]);
  });

  it("reads the shop, its policies and locations", async () => {
    const result: Json = await data(`{
      shop { name email contactEmail myshopifyDomain currencyCode ianaTimezone
        primaryDomain { url } plan { partnerDevelopment }
        billingAddress { countryCodeV2 provinceCode } }
      locations(first: 5) { nodes { id name isActive } }
    }`);

    expect(result.shop).toEqual({
      name: "Demo Store",
      email: "owner@demo-store.example",
      contactEmail: "support@demo-store.example",
      myshopifyDomain: shop,
      currencyCode: "USD",
      ianaTimezone: "America/New_York",
      primaryDomain: { url: `https://${shop}` },
      plan: { partnerDevelopment: true },
      billingAddress: { countryCodeV2: "US", provinceCode: "NY" },
    });
    expect(result.locations.nodes).toEqual([
      {
        id: "gid://shopify/Location/1001",
        name: "Main warehouse",
        isActive: true,
      },
    ]);
  });
});

describe("productUpdate", () => {
  const update = `mutation Edit($product: ProductUpdateInput!) {
    productUpdate(product: $product) {
      product { id title tags updatedAt }
      userErrors { field message }
    }
  }`;

  it("changes the product and stamps updatedAt", async () => {
    const result: Json = await data(update, {
      product: {
        id: "gid://shopify/Product/1001",
        title: "Renamed",
        tags: ["x"],
      },
    });

    expect(result.productUpdate.userErrors).toEqual([]);
    expect(result.productUpdate.product).toMatchObject({
      title: "Renamed",
      tags: ["x"],
    });
    expect(result.productUpdate.product.updatedAt).not.toBe(
      "2026-01-05T10:00:00.000Z",
    );
  });

  it("answers userErrors for an unknown product", async () => {
    const result: Json = await data(update, {
      product: { id: "gid://shopify/Product/1", title: "Nope" },
    });

    expect(result.productUpdate).toEqual({
      product: null,
      userErrors: [{ field: ["id"], message: "Product does not exist" }],
    });
  });
});

describe("seeding", () => {
  it("builds the same demo catalog every time", () => {
    const a = createShopifyEmulator().addShop("a.myshopify.com");
    const b = createShopifyEmulator().addShop("b.myshopify.com");
    const titles = (s: typeof a) =>
      seedDemoCatalog(s).map((p) => [
        p.title,
        p.variantIds.length,
        p.media.length,
      ]);

    expect(titles(a)).toEqual(titles(b));
  });

  it("adds a product from a few fields with sensible defaults", () => {
    const state = emulator.requireShop(shop);

    const product = addProduct(state, {
      title: "Alpine Mug",
      variants: [{ price: "5.00", inventory: 2 }],
    });

    expect(product.handle).toBe("alpine-mug-1");
    expect(product.variantIds).toHaveLength(1);
    const variant = state.variants.get(product.variantIds[0] ?? "");
    expect(variant?.price).toBe("5.00");
    expect(
      state.inventoryItems.get(variant?.inventoryItemId ?? "")?.levels[0]
        ?.available,
    ).toBe(2);
  });
});
