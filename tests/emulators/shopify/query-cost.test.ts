import { beforeEach, describe, expect, it } from "vitest";
import { adminGraphql } from "./admin-request";
import { createShopifyEmulator } from "./emulator";
import { seedDemoCatalog } from "./seed-catalog";

const shop = "demo-store.myshopify.com";

interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: {
    maximumAvailable: number;
    currentlyAvailable: number;
    restoreRate: number;
  };
}

interface Body {
  data?: unknown;
  errors?: { message: string; extensions: Record<string, unknown> }[];
  extensions: { cost: Cost };
}

/** A clock the test moves by hand. */
function manualClock() {
  let now = Date.parse("2026-07-01T12:00:00Z");
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function setUp(options: Parameters<typeof createShopifyEmulator>[0] = {}) {
  const emulator = createShopifyEmulator({
    scopes: ["write_products", "read_inventory"],
    ...options,
  });
  seedDemoCatalog(emulator.addShop(shop), { count: 3 });
  const token = emulator.installApp(shop);
  const send = (query: string, variables?: Record<string, unknown>) =>
    adminGraphql<Body>(emulator, { shop, token, query, variables });

  return { emulator, send };
}

describe("calculated query cost", () => {
  let send: ReturnType<typeof setUp>["send"];

  beforeEach(() => {
    send = setUp().send;
  });

  it.each([
    ["one object", "{ shop { name } }", 1],
    ["scalars only cost nothing", "{ shop { name email currencyCode } }", 1],
    [
      "a connection: 2 + first × node",
      "{ products(first: 10) { nodes { id title } } }",
      12,
    ],
    [
      "nested connections multiply",
      "{ products(first: 10) { edges { node { title variants(first: 5) { edges { node { price } } } } } } }",
      82,
    ],
    [
      "nested objects add one each",
      "{ products(first: 2) { nodes { featuredMedia { id } variants(first: 2) { nodes { inventoryItem { id } } } } } }",
      2 + 2 * (1 + 1 + 2 + 2 * (1 + 1)),
    ],
    [
      "a mutation costs 10 plus its selection",
      'mutation { productUpdate(product: {id: "gid://shopify/Product/1001"}) { product { id } userErrors { message } } }',
      12,
    ],
  ])("%s", async (_name, query, expected) => {
    const { body } = await send(query);

    expect(body.extensions.cost.requestedQueryCost).toBe(expected);
  });

  it("reads page sizes from variables", async () => {
    const { body } = await send(
      "query Page($n: Int!) { products(first: $n) { nodes { id } } }",
      { n: 25 },
    );

    expect(body.extensions.cost.requestedQueryCost).toBe(27);
  });

  it("charges the actual cost: nodes that exist, not the page asked for", async () => {
    const { body } = await send("{ products(first: 10) { nodes { id } } }");

    expect(body.extensions.cost).toEqual({
      requestedQueryCost: 12,
      actualQueryCost: 5,
      throttleStatus: {
        maximumAvailable: 2000,
        currentlyAvailable: 1995,
        restoreRate: 100,
      },
    });
  });

  it("rejects a query above 1000 before running it (MAX_COST_EXCEEDED)", async () => {
    const { status, body } = await send(
      "{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }",
    );

    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: "MAX_COST_EXCEEDED",
      cost: 63252,
      maxCost: 1000,
    });
    expect(body.errors?.[0]?.message).toMatch(
      /^Query cost is 63252, which exceeds the single query max cost limit \(1000\)/,
    );
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(2000);
  });
});

describe("throttling (leaky bucket)", () => {
  const query = "{ products(first: 40) { nodes { id } } }"; // requests 42

  it("drains as queries keep the difference to their actual cost", async () => {
    const clock = manualClock();
    const { send } = setUp({
      clock: clock.now,
      bucket: { maximumAvailable: 50, restoreRate: 10 },
    });

    const first = await send(query);
    const second = await send(query);
    const third = await send(query);

    // Each takes 42 up front and gets 37 back (3 products: actual cost 5).
    expect(first.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(
      45,
    );
    expect(second.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(
      40,
    );
    expect(third.status).toBe(200);
    expect(third.body.errors?.[0]?.extensions["code"]).toBe("THROTTLED");
    expect(third.body.data).toBeUndefined();
  });

  it("throttles when the requested cost exceeds what is left, then restores with time", async () => {
    const clock = manualClock();
    const { emulator, send } = setUp({
      clock: clock.now,
      bucket: { maximumAvailable: 100, restoreRate: 10 },
    });
    emulator.setAvailableCost(shop, 30);

    const throttled = await send(query);

    expect(throttled.status).toBe(200);
    expect(throttled.body).toEqual({
      errors: [
        {
          message: "Throttled",
          extensions: {
            code: "THROTTLED",
            documentation: "https://shopify.dev/api/usage/rate-limits",
          },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 42,
          actualQueryCost: null,
          throttleStatus: {
            maximumAvailable: 100,
            currentlyAvailable: 30,
            restoreRate: 10,
          },
        },
      },
    });

    clock.advance(1_000);
    const stillShort = await send(query);
    expect(stillShort.body.errors?.[0]?.extensions["code"]).toBe("THROTTLED");
    expect(
      stillShort.body.extensions.cost.throttleStatus.currentlyAvailable,
    ).toBe(40);

    clock.advance(200);
    const restored = await send(query);
    expect(restored.body.errors).toBeUndefined();
    expect(
      restored.body.extensions.cost.throttleStatus.currentlyAvailable,
    ).toBe(37);
  });

  it("never fills the bucket above its maximum", async () => {
    const clock = manualClock();
    const { send } = setUp({ clock: clock.now });

    clock.advance(60_000);
    const { body } = await send("{ shop { name } }");

    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(1999);
  });
});
