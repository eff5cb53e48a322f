import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { describe, expect, it } from "vitest";
import { db } from "../../app/lib/db.server";

function offlineSession(shop: string) {
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: "state",
    isOnline: false,
    scope: "read_products,write_orders",
    accessToken: "shpat_offline",
  });
}

function onlineSession(shop: string) {
  const session = new Session({
    id: `${shop}_42`,
    shop,
    state: "state",
    isOnline: true,
    scope: "read_products",
    accessToken: "shpua_online",
    expires: new Date(Date.now() + 60_000),
  });
  session.onlineAccessInfo = {
    expires_in: 60,
    associated_user_scope: "read_products",
    associated_user: {
      id: 98765432109,
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      email_verified: true,
      account_owner: true,
      locale: "en",
      collaborator: false,
    },
  };

  return session;
}

describe("session storage on the app's database", () => {
  const storage = new PrismaSessionStorage(db);

  it("is ready once the database is migrated", async () => {
    await expect(storage.isReady()).resolves.toBe(true);
  });

  it("stores and loads an offline session", async () => {
    await storage.storeSession(offlineSession("a.myshopify.com"));

    const loaded = await storage.loadSession("offline_a.myshopify.com");

    expect(loaded?.accessToken).toBe("shpat_offline");
    expect(loaded?.isOnline).toBe(false);
    expect(loaded?.scope).toBe("read_products,write_orders");
  });

  it("keeps an online session's staff member, with an id above 32 bits", async () => {
    await storage.storeSession(onlineSession("b.myshopify.com"));

    const loaded = await storage.loadSession("b.myshopify.com_42");

    expect(loaded?.onlineAccessInfo?.associated_user.email).toBe(
      "ada@example.com",
    );
    const row = await db.session.findUniqueOrThrow({
      where: { id: "b.myshopify.com_42" },
    });
    expect(row.userId).toBe(98765432109n);
  });

  it("finds and deletes the sessions of one shop only", async () => {
    await storage.storeSession(offlineSession("c.myshopify.com"));
    await storage.storeSession(onlineSession("c.myshopify.com"));
    await storage.storeSession(offlineSession("d.myshopify.com"));

    const found = await storage.findSessionsByShop("c.myshopify.com");
    await storage.deleteSessions(found.map((session) => session.id));

    expect(found).toHaveLength(2);
    await expect(
      storage.findSessionsByShop("c.myshopify.com"),
    ).resolves.toEqual([]);
    await expect(
      storage.findSessionsByShop("d.myshopify.com"),
    ).resolves.toHaveLength(1);
  });

  it("overwrites a session stored again under the same id", async () => {
    const session = offlineSession("e.myshopify.com");
    await storage.storeSession(session);
    session.accessToken = "shpat_rotated";
    await storage.storeSession(session);

    const loaded = await storage.loadSession(session.id);

    expect(loaded?.accessToken).toBe("shpat_rotated");
  });
});
