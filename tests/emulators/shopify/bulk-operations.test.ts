import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminGraphql } from "./admin-request";
import { createShopifyEmulator, type ShopifyEmulator } from "./emulator";
import { seedDemoCatalog } from "./seed-catalog";

const shop = "demo-store.myshopify.com";
let emulator: ShopifyEmulator;
let token: string;
const delivered: { topic: string; body: Record<string, unknown> }[] = [];

beforeEach(() => {
  delivered.length = 0;
  emulator = createShopifyEmulator({
    scopes: ["read_products"],
    bulkQueryConcurrency: 2,
    webhooks: [{ topic: "bulk_operations/finish", uri: "/webhooks/bulk" }],
    webhookDelivery: {
      fetch: async (request) => {
        delivered.push({
          topic: request.headers.get("x-shopify-topic") ?? "",
          body: (await request.json()) as Record<string, unknown>,
        });
        return new Response(null, { status: 200 });
      },
    },
  });
  seedDemoCatalog(emulator.addShop(shop), { count: 3 });
  token = emulator.installApp(shop);
});

afterEach(() => emulator.holdBulkOperations(false));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers
type Json = any;

async function send(query: string, variables?: Record<string, unknown>) {
  const { body } = await adminGraphql<Json>(emulator, {
    shop,
    token,
    query,
    variables,
  });
  return body;
}

const run = `mutation Run($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: false) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

const catalogQuery = `{
  products(query: "status:active") {
    edges { node { id title variants { edges { node { id sku } } } } }
  }
}`;

describe("bulkOperationRunQuery", () => {
  it("runs the query in the background and serves JSONL with __parentId", async () => {
    const started = await send(run, { query: catalogQuery });
    const { id, status } = started.data.bulkOperationRunQuery.bulkOperation;
    expect(status).toBe("CREATED");

    await emulator.flush();
    const polled = await send(
      `query Poll($id: ID!) { bulkOperation(id: $id) {
        status objectCount rootObjectCount fileSize url errorCode completedAt } }`,
      { id },
    );
    const operation = polled.data.bulkOperation;
    expect(operation).toMatchObject({
      status: "COMPLETED",
      rootObjectCount: "3",
      objectCount: String(3 + 1 + 2 + 3),
      errorCode: null,
    });

    const file = await emulator.handle(new Request(operation.url));
    const lines = (await file.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.slice(0, 3)).toEqual([
      { id: "gid://shopify/Product/1001", title: "Classic Tee" },
      {
        id: "gid://shopify/ProductVariant/1001",
        sku: "classic-tee-1",
        __parentId: "gid://shopify/Product/1001",
      },
      { id: "gid://shopify/Product/1002", title: "Everyday Hoodie" },
    ]);
    expect(Number(operation.fileSize)).toBeGreaterThan(0);
  });

  it("sends bulk_operations/finish when done", async () => {
    const started = await send(run, { query: catalogQuery });
    await emulator.flush();

    expect(delivered).toEqual([
      {
        topic: "bulk_operations/finish",
        body: expect.objectContaining({
          admin_graphql_api_id:
            started.data.bulkOperationRunQuery.bulkOperation.id,
          status: "completed",
          type: "query",
        }),
      },
    ]);
  });

  it.each([
    [
      "an unknown field",
      "{ products { edges { node { nope } } } }",
      /doesn't exist on type 'Product'/,
    ],
    ["no connection", "{ shop { name } }", /at least one connection/],
    [
      "connections nested three deep",
      "{ products { edges { node { variants { edges { node { media { edges { node { id } } } } } } } } } }",
      /nesting depth greater than 2/,
    ],
  ])(
    "refuses an inner query with %s (INVALID)",
    async (_case, query, message) => {
      const body = await send(run, { query });
      const [error] = body.data.bulkOperationRunQuery.userErrors;

      expect(body.data.bulkOperationRunQuery.bulkOperation).toBeNull();
      expect(error).toMatchObject({ field: ["query"], code: "INVALID" });
      expect(error.message).toMatch(message);
    },
  );

  it("refuses more concurrent operations than the limit (LIMIT_REACHED)", async () => {
    emulator.holdBulkOperations(true);

    await send(run, { query: catalogQuery });
    await send(run, { query: catalogQuery });
    const third = await send(run, { query: catalogQuery });

    expect(third.data.bulkOperationRunQuery.userErrors).toEqual([
      {
        field: null,
        message: "Limit of 2 concurrent bulk query operations reached.",
        code: "LIMIT_REACHED",
      },
    ]);
  });

  it("lists operations by status and reports the latest as current", async () => {
    emulator.holdBulkOperations(true);
    const first = await send(run, { query: catalogQuery });
    const second = await send(run, { query: catalogQuery });
    emulator.holdBulkOperations(false);
    await emulator.flush();

    const listed = await send(`{
      bulkOperations(first: 5, query: "status:COMPLETED") { nodes { id } }
      currentBulkOperation { id status }
    }`);

    expect(listed.data.bulkOperations.nodes.map((n: Json) => n.id)).toEqual([
      first.data.bulkOperationRunQuery.bulkOperation.id,
      second.data.bulkOperationRunQuery.bulkOperation.id,
    ]);
    expect(listed.data.currentBulkOperation).toEqual({
      id: second.data.bulkOperationRunQuery.bulkOperation.id,
      status: "COMPLETED",
    });
  });

  it("fails with ACCESS_DENIED when the token cannot read what the query asks", async () => {
    for (const record of emulator.requireShop(shop).accessTokens) {
      record.scopes = ["read_inventory"];
    }

    const started = await send(run, { query: catalogQuery });
    await emulator.flush();
    const polled = await send(
      `query Poll($id: ID!) { bulkOperation(id: $id) { status errorCode url } }`,
      { id: started.data.bulkOperationRunQuery.bulkOperation.id },
    );

    expect(polled.data.bulkOperation).toEqual({
      status: "FAILED",
      errorCode: "ACCESS_DENIED",
      url: null,
    });
  });
});
