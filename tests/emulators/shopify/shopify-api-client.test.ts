import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import "@shopify/shopify-api/adapters/node";
import {
  ApiVersion,
  GraphqlQueryError,
  LogSeverity,
  Session,
  shopifyApi,
} from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShopifyEmulator, type ShopifyEmulator } from "./emulator";
import { startShopifyEmulatorServer, type EmulatorServer } from "./http-server";
import { useShopifyEmulatorFetch } from "./in-process";
import { seedDemoCatalog } from "./seed-catalog";

const shop = "demo-store.myshopify.com";
const productsQuery = "{ products(first: 2) { nodes { id title } } }";

let emulator: ShopifyEmulator;
let token: string;

beforeAll(() => {
  emulator = createShopifyEmulator();
  seedDemoCatalog(emulator.addShop(shop), { count: 5 });
  token = emulator.installApp(shop);
});

function graphqlClient() {
  const shopify = shopifyApi({
    apiKey: "test-api-key",
    apiSecretKey: "test-api-secret",
    scopes: ["read_products"],
    hostName: "app.example.test",
    apiVersion: ApiVersion.July26,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => undefined },
  });
  const session = new Session({
    id: `offline_${shop}`,
    shop,
    state: "",
    isOnline: false,
    accessToken: token,
  });

  return new shopify.clients.Graphql({ session });
}

describe("@shopify/shopify-api in the same process (setAbstractFetchFunc)", () => {
  let restore: () => void;

  beforeAll(() => {
    restore = useShopifyEmulatorFetch(emulator);
  });

  afterAll(() => restore());

  it("reaches the emulator and gets data with cost extensions", async () => {
    const response = await graphqlClient().request(productsQuery);

    expect(response.data).toEqual({
      products: {
        nodes: [
          { id: "gid://shopify/Product/1001", title: "Classic Tee" },
          { id: "gid://shopify/Product/1002", title: "Everyday Hoodie" },
        ],
      },
    });
    expect(response.extensions).toMatchObject({
      cost: { requestedQueryCost: 4, actualQueryCost: 4 },
    });
  });

  it("throws GraphqlQueryError for a document the schema rejects", async () => {
    const request = graphqlClient().request(
      "{ products(first: 1) { nodes { inventoryQty } } }",
    );

    await expect(request).rejects.toBeInstanceOf(GraphqlQueryError);
    await expect(request).rejects.toThrow(
      "Field 'inventoryQty' doesn't exist on type 'Product'",
    );
  });

  it("surfaces THROTTLED as a GraphqlQueryError without retrying", async () => {
    emulator.faults.add({ kind: "throttle", times: 1 });

    await expect(graphqlClient().request(productsQuery)).rejects.toThrow(
      "Throttled",
    );
    await expect(graphqlClient().request(productsQuery)).resolves.toBeTruthy();
  });
});

describe("@shopify/shopify-api in another process (redirect preload)", () => {
  let server: EmulatorServer;

  beforeAll(async () => {
    server = await startShopifyEmulatorServer(emulator);
  });

  afterAll(() => server.close());

  function runChild(query: string): Promise<Record<string, unknown>> {
    const preload = new URL("./redirect-preload.mjs", import.meta.url).href;
    const script = fileURLToPath(
      new URL("./fixtures/shopify-api-child.mjs", import.meta.url),
    );
    const child = spawn(process.execPath, ["--import", preload, script], {
      env: {
        ...process.env,
        SHOPIFY_EMULATOR_ORIGIN: server.origin,
        SHOP: shop,
        TOKEN: token,
        QUERY: query,
      },
    });

    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));

    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", () => {
        try {
          resolve(JSON.parse(output.trim()) as Record<string, unknown>);
        } catch {
          reject(new Error(`Child printed: ${output}`));
        }
      });
    });
  }

  it("sends https://{shop} calls to the emulator's HTTP server", async () => {
    const result = await runChild(productsQuery);

    expect(result["data"]).toEqual({
      products: {
        nodes: [
          { id: "gid://shopify/Product/1001", title: "Classic Tee" },
          { id: "gid://shopify/Product/1002", title: "Everyday Hoodie" },
        ],
      },
    });
  });

  it("reports schema errors to the child's client the same way", async () => {
    const result = await runChild("{ shop { nope } }");

    expect(result).toEqual({
      error: "GraphqlQueryError",
      message: "Field 'nope' doesn't exist on type 'Shop'",
    });
  });
});
