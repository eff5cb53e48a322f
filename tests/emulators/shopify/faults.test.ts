import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { adminGraphql, adminGraphqlRequest } from "./admin-request";
import { createShopifyEmulator, type ShopifyEmulator } from "./emulator";
import { startShopifyEmulatorServer, type EmulatorServer } from "./http-server";
import { seedDemoCatalog } from "./seed-catalog";

const shop = "demo-store.myshopify.com";
const named = "query ShopName { shop { name } }";
let emulator: ShopifyEmulator;
let token: string;

beforeAll(() => {
  emulator = createShopifyEmulator({ scopes: ["write_products"] });
  seedDemoCatalog(emulator.addShop(shop), { count: 2 });
  token = emulator.installApp(shop);
});

afterEach(() => {
  emulator.faults.clear();
  vi.useRealTimers();
});

const send = (query: string, signal?: AbortSignal) => {
  const request = adminGraphqlRequest({ shop, token, query });
  return emulator.handle(new Request(request, { signal }));
};

describe("fault injection", () => {
  it("answers an HTTP status for as many requests as `times` says", async () => {
    emulator.faults.add({ kind: "http", status: 503, times: 1 });

    const failed = await send(named);
    const next = await send(named);

    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ errors: "Service Unavailable" });
    expect(next.status).toBe(200);
  });

  it("matches by operation name and leaves other operations alone", async () => {
    emulator.faults.add({
      kind: "http",
      status: 500,
      operationName: "ShopName",
    });

    expect((await send("{ shop { id } }")).status).toBe(200);
    expect((await send(named)).status).toBe(500);
  });

  it("matches by root field and by shop", async () => {
    emulator.faults.add({ kind: "http", status: 502, rootField: "products" });
    emulator.faults.add({
      kind: "http",
      status: 504,
      shop: "other.myshopify.com",
    });

    expect((await send(named)).status).toBe(200);
    expect((await send("{ products(first: 1) { nodes { id } } }")).status).toBe(
      502,
    );
  });

  it("hangs on a timeout fault until the caller aborts", async () => {
    emulator.faults.add({ kind: "timeout", times: 1 });
    const controller = new AbortController();

    const pending = send(named, controller.signal);
    controller.abort();

    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("drops the connection like undici: TypeError fetch failed", async () => {
    emulator.faults.add({ kind: "drop", times: 1 });

    await expect(send(named)).rejects.toThrow(new TypeError("fetch failed"));
  });

  it("forces THROTTLED whatever the bucket holds", async () => {
    emulator.faults.add({ kind: "throttle", times: 1 });

    const response = await send(named);
    const body = (await response.json()) as {
      errors: { extensions: unknown }[];
    };

    expect(response.status).toBe(200);
    expect(body.errors[0]?.extensions).toMatchObject({ code: "THROTTLED" });
  });

  it("answers userErrors for the named mutation and changes nothing", async () => {
    emulator.faults.add({
      kind: "userErrors",
      mutation: "productUpdate",
      userErrors: [{ field: ["title"], message: "Title is locked" }],
    });

    const { body } = await adminGraphql(emulator, {
      shop,
      token,
      query: `mutation { productUpdate(product: {id: "gid://shopify/Product/1001",
        title: "Changed"}) { product { id } userErrors { field message } } }`,
    });

    expect(body).toMatchObject({
      data: {
        productUpdate: {
          product: null,
          userErrors: [{ field: ["title"], message: "Title is locked" }],
        },
      },
    });
    const product = emulator
      .requireShop(shop)
      .products.get("gid://shopify/Product/1001");
    expect(product?.title).toBe("Classic Tee");
  });

  it("adds latency before answering", async () => {
    vi.useFakeTimers();
    emulator.faults.add({ kind: "latency", ms: 500 });
    let settled = false;

    const pending = send(named).then((response) => {
      settled = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(settled).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });
});

describe("faults over HTTP and /__emulator/faults", () => {
  let server: EmulatorServer;

  beforeAll(async () => {
    server = await startShopifyEmulatorServer(emulator);
  });

  afterAll(() => server.close());

  function viaServer(query: string) {
    return fetch(`${server.origin}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-host": shop,
        "x-shopify-access-token": token,
      },
      body: JSON.stringify({ query }),
    });
  }

  it("adds a fault through the control endpoint", async () => {
    const added = await fetch(`${server.origin}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "http", status: 503, times: 1 }),
    });

    expect(added.status).toBe(201);
    expect((await viaServer(named)).status).toBe(503);
    expect((await viaServer(named)).status).toBe(200);
  });

  it("destroys the socket for a dropped connection", async () => {
    emulator.faults.add({ kind: "drop", times: 1 });

    await expect(viaServer(named)).rejects.toThrow("fetch failed");
    expect((await viaServer(named)).status).toBe(200);
  });

  it("clears every fault with DELETE", async () => {
    emulator.faults.add({ kind: "http", status: 500 });

    await fetch(`${server.origin}/__emulator/faults`, { method: "DELETE" });

    expect((await viaServer(named)).status).toBe(200);
  });
});
