import { beforeAll, describe, expect, it } from "vitest";
import { adminGraphql } from "./admin-request";
import { createShopifyEmulator, type ShopifyEmulator } from "./emulator";
import { seedDemoCatalog } from "./seed-catalog";

const shop = "demo-store.myshopify.com";
let emulator: ShopifyEmulator;
let token: string;

beforeAll(() => {
  emulator = createShopifyEmulator();
  seedDemoCatalog(emulator.addShop(shop), { count: 3 });
  token = emulator.installApp(shop);
});

interface ErrorBody {
  data?: unknown;
  errors: {
    message: string;
    path?: unknown[];
    locations?: unknown[];
    extensions: Record<string, unknown>;
  }[];
  extensions: { cost: { requestedQueryCost: number } };
}

async function send(query: string, variables?: Record<string, unknown>) {
  return adminGraphql<ErrorBody>(emulator, { shop, token, query, variables });
}

describe("POST /admin/api/:version/graphql.json with an invalid document", () => {
  it("answers a syntax error with PARSE_ERROR and HTTP 200", async () => {
    const { status, body } = await send("query {\n  shop {\n    name");

    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: "syntax error, unexpected end of file at [3, 9]",
        locations: [{ line: 3, column: 9 }],
        extensions: { code: "PARSE_ERROR" },
      },
    ]);
  });

  it("names an unknown field the way Shopify does", async () => {
    const { status, body } = await send(
      "query Feed { products(first: 1) { nodes { inventoryQty } } }",
    );

    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({
      message: "Field 'inventoryQty' doesn't exist on type 'Product'",
      path: ["query Feed", "products", "nodes", "inventoryQty"],
      extensions: {
        code: "undefinedField",
        typeName: "Product",
        fieldName: "inventoryQty",
      },
    });
  });

  it("rejects an object field without a selection (selectionMismatch)", async () => {
    const { body } = await send("{ shop }");

    expect(body.errors[0]?.message).toBe(
      "Field must have selections (field 'shop' returns Shop! but has no " +
        "selections. Did you mean 'shop { ... }'?)",
    );
    expect(body.errors[0]?.extensions["code"]).toBe("selectionMismatch");
  });

  it("rejects a selection on a scalar (selectionMismatch)", async () => {
    const { body } = await send("{ shop { name { first } } }");

    expect(body.errors[0]?.message).toBe(
      "Selections can't be made on scalars (field 'name' returns String! " +
        'but has selections ["first"])',
    );
    expect(body.errors[0]?.extensions["code"]).toBe("selectionMismatch");
  });

  it("rejects an argument the field does not take (argumentNotAccepted)", async () => {
    const { body } = await send(
      "{ products(first: 1, color: 2) { nodes { id } } }",
    );

    expect(body.errors[0]).toMatchObject({
      message: "Field 'products' doesn't accept argument 'color'",
      extensions: {
        code: "argumentNotAccepted",
        name: "products",
        argumentName: "color",
      },
    });
  });

  it("reports a missing required argument (missingRequiredArguments)", async () => {
    const { body } = await send("{ product { id } }");

    expect(body.errors[0]).toMatchObject({
      message: "Field 'product' is missing required arguments: id",
      extensions: { code: "missingRequiredArguments", name: "product" },
    });
  });

  it("reports a literal of the wrong type (argumentLiteralsIncompatible)", async () => {
    const { body } = await send('{ products(first: "ten") { nodes { id } } }');

    expect(body.errors[0]?.extensions["code"]).toBe(
      "argumentLiteralsIncompatible",
    );
    expect(body.errors[0]?.message).toContain(
      "Argument 'first' on Field 'products'",
    );
  });

  it("reports a missing required variable as INVALID_VARIABLE", async () => {
    const { status, body } = await send(
      "query One($id: ID!) { product(id: $id) { id } }",
      {},
    );

    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({
      message: "Variable $id of type ID! was provided invalid value",
      extensions: {
        code: "INVALID_VARIABLE",
        value: null,
        problems: [{ path: [], explanation: "Expected value to not be null" }],
      },
    });
  });

  it("lists each bad input field of a variable in problems", async () => {
    const { body } = await send(
      "mutation Edit($p: ProductUpdateInput!) { productUpdate(product: $p) { userErrors { message } } }",
      { p: { id: "gid://shopify/Product/1001", title: 5, colour: "red" } },
    );

    const problems = body.errors[0]?.extensions["problems"];
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: ["title"], explanation: "Could not coerce value 5 to String" },
        {
          path: ["colour"],
          explanation: "Field is not defined on ProductUpdateInput",
        },
      ]),
    );
  });

  it("does not charge the cost bucket for a rejected document", async () => {
    const { body } = await send("{ shop { nope } }");

    expect(body.extensions.cost.requestedQueryCost).toBe(0);
  });
});

describe("POST /admin/api/:version/graphql.json, routing", () => {
  it("answers 404 for an API version Shopify does not serve", async () => {
    const { status } = await adminGraphql(emulator, {
      shop,
      token,
      query: "{ shop { name } }",
      apiVersion: "2019-13",
    });

    expect(status).toBe(404);
  });

  it("answers 404 for a shop the emulator does not know", async () => {
    const { status } = await adminGraphql(emulator, {
      shop: "nobody.myshopify.com",
      token,
      query: "{ shop { name } }",
    });

    expect(status).toBe(404);
  });

  it("answers 400 when the body carries no query", async () => {
    const response = await emulator.handle(
      new Request(`https://${shop}/admin/api/2026-07/graphql.json`, {
        method: "POST",
        headers: { "x-shopify-access-token": token },
        body: "{}",
      }),
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: { query: "Required parameter missing or invalid" },
    });
  });

  it("serves the older versions it ships a schema for", async () => {
    const { status, body } = await adminGraphql<{ data: unknown }>(emulator, {
      shop,
      token,
      query: "{ shop { myshopifyDomain } }",
      apiVersion: "2026-01",
    });

    expect(status).toBe(200);
    expect(body.data).toEqual({ shop: { myshopifyDomain: shop } });
  });
});
