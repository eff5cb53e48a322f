import { beforeEach, describe, expect, it } from "vitest";
import { adminGraphql } from "./admin-request";
import { createShopifyEmulator, type ShopifyEmulator } from "./emulator";
import { seedDemoCatalog } from "./seed-catalog";

const shop = "demo-store.myshopify.com";
let emulator: ShopifyEmulator;

beforeEach(() => {
  emulator = createShopifyEmulator();
  seedDemoCatalog(emulator.addShop(shop), { count: 2 });
});

interface Body {
  data: Record<string, unknown> | null;
  errors?: {
    message: string;
    path: unknown[];
    extensions: Record<string, unknown>;
  }[];
}

function query(token: string, text: string) {
  return adminGraphql<Body>(emulator, { shop, token, query: text });
}

describe("scope enforcement", () => {
  it("denies a field whose scope the token lacks, with ACCESS_DENIED and a null", async () => {
    const token = emulator.installApp(shop, ["read_inventory"]);

    const { status, body } = await query(
      token,
      "{ shop { name } products(first: 1) { nodes { id } } }",
    );

    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      message:
        "Access denied for products field. Required access: `read_products` access scope.",
      path: ["products"],
      extensions: {
        code: "ACCESS_DENIED",
        requiredAccess: "`read_products` access scope.",
      },
    });
  });

  it("keeps the rest of the answer when a nullable field is denied", async () => {
    const token = emulator.installApp(shop, ["read_inventory"]);

    const { body } = await query(
      token,
      '{ shop { name } product(id: "gid://shopify/Product/1001") { id } }',
    );

    expect(body.data).toEqual({ shop: { name: "Demo Store" }, product: null });
    expect(body.errors?.[0]?.path).toEqual(["product"]);
  });

  it("treats a write scope as granting its read scope", async () => {
    const token = emulator.installApp(shop, ["write_products"]);

    const { body } = await query(
      token,
      "{ products(first: 1) { nodes { id } } }",
    );

    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      products: { nodes: [{ id: "gid://shopify/Product/1001" }] },
    });
  });

  it("checks the concrete type behind node(id:)", async () => {
    const token = emulator.installApp(shop, ["read_inventory"]);

    const { body } = await query(
      token,
      '{ node(id: "gid://shopify/Product/1001") { id } }',
    );

    expect(body.data).toEqual({ node: null });
    expect(body.errors?.[0]?.extensions["code"]).toBe("ACCESS_DENIED");
  });

  it("requires write_products for productUpdate", async () => {
    const token = emulator.installApp(shop, ["read_products"]);

    const { body } = await query(
      token,
      'mutation { productUpdate(product: {id: "gid://shopify/Product/1001", title: "X"}) { userErrors { message } } }',
    );

    expect(body.data).toEqual({ productUpdate: null });
    expect(body.errors?.[0]?.extensions["requiredAccess"]).toContain(
      "write_products",
    );
    expect(
      emulator.requireShop(shop).products.get("gid://shopify/Product/1001")
        ?.title,
    ).not.toBe("X");
  });
});

describe("access tokens", () => {
  const invalidToken = {
    errors:
      "[API] Invalid API key or access token (unrecognized login or wrong password)",
  };

  it("answers an unknown token with HTTP 401 and Shopify's string body", async () => {
    emulator.installApp(shop);

    const { status, body } = await adminGraphql(emulator, {
      shop,
      token: "shpat_not-a-real-token",
      query: "{ shop { name } }",
    });

    expect(status).toBe(401);
    expect(body).toEqual(invalidToken);
  });

  it("does not accept one shop's token for another shop", async () => {
    emulator.addShop("other.myshopify.com");
    const token = emulator.installApp(shop);

    const { status } = await adminGraphql(emulator, {
      shop: "other.myshopify.com",
      token,
      query: "{ shop { name } }",
    });

    expect(status).toBe(401);
  });

  it("revokes the tokens when the app is uninstalled", async () => {
    const token = emulator.installApp(shop);
    emulator.uninstallApp(shop);

    const { status, body } = await query(token, "{ shop { name } }");

    expect(status).toBe(401);
    expect(body).toEqual(invalidToken);
  });
});
