import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  queryAdmin,
  ShopifyGraphqlError,
  ShopifyUnavailableError,
  type AdminGraphql,
} from "../../app/shopify/admin-client.server";
import { SHOP_QUERY } from "../../app/shopify/shop-query.server";
import { unauthenticated } from "../../app/shopify.server";
import {
  createShopifyHarness,
  installShop,
  TEST_SHOP,
} from "../support/shopify";

const harness = createShopifyHarness();
let graphql: AdminGraphql;

beforeEach(async () => {
  harness.emulator.reset();
  harness.emulator.addShop(TEST_SHOP, { name: "Demo Store" });
  await installShop(harness);
  graphql = (await unauthenticated.admin(TEST_SHOP)).admin.graphql;
});

/** A sleep that lets the emulator's clock move instead of real time. */
function clockSleep() {
  return vi.fn(async (ms: number) => harness.advance(ms));
}

describe("queryAdmin", () => {
  it("returns the typed data and what the call cost", async () => {
    const { data, cost } = await queryAdmin(graphql, SHOP_QUERY);

    expect(data.shop.name).toBe("Demo Store");
    expect(data.shop.myshopifyDomain).toBe(TEST_SHOP);
    expect(cost?.requestedQueryCost).toBeGreaterThan(0);
    expect(cost?.throttleStatus.maximumAvailable).toBe(2000);
  });

  it("backs off while the shop's cost bucket is empty, then succeeds", async () => {
    harness.emulator.setAvailableCost(TEST_SHOP, 0);
    const sleep = clockSleep();

    const { data } = await queryAdmin(graphql, SHOP_QUERY, { sleep });

    expect(data.shop.name).toBe("Demo Store");
    expect(sleep).toHaveBeenCalledTimes(1);
    // The wait covers the refill the answer asked for (cost / restore rate).
    expect(sleep.mock.calls[0]?.[0]).toBeGreaterThanOrEqual(10);
  });

  it("retries a THROTTLED answer even for a mutation, which never ran", async () => {
    harness.emulator.faults.add({ kind: "throttle", times: 2 });
    const sleep = clockSleep();

    const { data } = await queryAdmin(
      graphql,
      `#graphql
        mutation ProbeWebhook {
          webhookSubscriptionCreate(
            topic: PRODUCTS_UPDATE
            webhookSubscription: { uri: "https://acp-bridge.test/webhooks/x" }
          ) {
            userErrors { message }
          }
        }`,
      { sleep },
    );

    expect(data.webhookSubscriptionCreate?.userErrors).toEqual([]);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it("rejects an invalid document with Shopify's error and no retry", async () => {
    const sleep = clockSleep();

    const failure = await queryAdmin(
      graphql,
      "query Broken { shop { inventoryQty } }" as typeof SHOP_QUERY,
      { sleep },
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ShopifyGraphqlError);
    const error = failure as ShopifyGraphqlError;
    expect(error.codes).toEqual(["undefinedField"]);
    expect(error.errors[0]?.extensions).toMatchObject({
      typeName: "Shop",
      fieldName: "inventoryQty",
    });
    expect(error.operation).toBe("Broken");
    expect(sleep).not.toHaveBeenCalled();
  });

  it("retries a query through server errors", async () => {
    harness.emulator.faults.add({ kind: "http", status: 503, times: 2 });
    const sleep = clockSleep();

    const { data } = await queryAdmin(graphql, SHOP_QUERY, { sleep });

    expect(data.shop.name).toBe("Demo Store");
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it("does not repeat a mutation that may have run", async () => {
    harness.emulator.faults.add({ kind: "drop", times: 1 });
    const sleep = clockSleep();

    const failure = await queryAdmin(
      graphql,
      `#graphql
        mutation ProbeWebhookAgain {
          webhookSubscriptionCreate(
            topic: PRODUCTS_UPDATE
            webhookSubscription: { uri: "https://acp-bridge.test/webhooks/y" }
          ) {
            userErrors { message }
          }
        }`,
      { sleep },
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ShopifyUnavailableError);
    expect(sleep).not.toHaveBeenCalled();
  });

  it("gives up after its attempts when Shopify stays down", async () => {
    harness.emulator.faults.add({ kind: "http", status: 502 });
    const sleep = clockSleep();

    const failure = await queryAdmin(graphql, SHOP_QUERY, {
      sleep,
      maxAttempts: 3,
    }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ShopifyUnavailableError);
    expect((failure as ShopifyUnavailableError).attempts).toBe(3);
  });
});
