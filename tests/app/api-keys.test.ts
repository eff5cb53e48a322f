import { beforeEach, describe, expect, it } from "vitest";
import {
  authenticateApiKey,
  AUTH_CACHE_TTL_MS,
  clearApiKeyCacheForTests,
  createApiKey,
  hashApiKey,
  listApiKeys,
  parseApiKeyLabel,
  revokeApiKey,
} from "../../app/acp/api-keys.server";
import { db } from "../../app/lib/db.server";

const shop = "demo-store.myshopify.com";
const otherShop = "other-store.myshopify.com";
const t0 = new Date("2026-12-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

beforeEach(async () => {
  await db.apiKey.deleteMany();
  clearApiKeyCacheForTests();
});

async function lastUsedAt(keyId: string) {
  const row = await db.apiKey.findUniqueOrThrow({ where: { id: keyId } });

  return row.lastUsedAt;
}

describe("createApiKey", () => {
  it("issues a long random key with a display prefix and an id", async () => {
    const { key, apiKey } = await createApiKey(shop, "ChatGPT");

    expect(key).toMatch(/^acpb_[0-9A-Za-z]{43}$/);
    expect(apiKey.id).toMatch(/^key_[0-9A-Za-z]{20}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey.prefix).toHaveLength(11);
    expect(apiKey).toMatchObject({ label: "ChatGPT", revokedAt: null });
  });

  it("stores the SHA-256 of the key, never the key", async () => {
    const { key, apiKey } = await createApiKey(shop, "ChatGPT");

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(hashApiKey(key));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key.slice(5));
  });

  it("issues a different key each time", async () => {
    const first = await createApiKey(shop, "one");
    const second = await createApiKey(shop, "two");

    expect(first.key).not.toBe(second.key);
    expect(first.apiKey.id).not.toBe(second.apiKey.id);
  });

  it.each([
    ["", "Enter a name for the key"],
    ["   ", "Enter a name for the key"],
    ["x".repeat(65), "Use 64 characters or fewer"],
  ])("refuses the label %j", async (label, message) => {
    expect(parseApiKeyLabel(label)).toEqual({ ok: false, message });
    await expect(createApiKey(shop, label)).rejects.toThrow(TypeError);
  });
});

describe("listApiKeys", () => {
  it("lists the shop's keys without key or hash", async () => {
    await createApiKey(shop, "ChatGPT");
    await createApiKey(otherShop, "Elsewhere");

    const keys = await listApiKeys(shop);

    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual([
      "createdAt",
      "id",
      "label",
      "lastUsedAt",
      "prefix",
      "revokedAt",
    ]);
  });
});

describe("authenticateApiKey", () => {
  it("accepts a key on its own shop", async () => {
    const { key, apiKey } = await createApiKey(shop, "ChatGPT");

    const result = await authenticateApiKey(shop, `Bearer ${key}`, t0);

    expect(result).toEqual({ keyId: apiKey.id });
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["a bearer that is not a key", "Bearer not-a-key"],
    ["an unknown key", `Bearer acpb_${"A".repeat(43)}`],
  ])("refuses %s", async (_name, header) => {
    await createApiKey(shop, "ChatGPT");

    expect(await authenticateApiKey(shop, header, t0)).toBeNull();
  });

  it("refuses a key on another shop's address", async () => {
    const { key } = await createApiKey(shop, "ChatGPT");

    expect(await authenticateApiKey(otherShop, `Bearer ${key}`, t0)).toBeNull();
  });

  it("refuses a revoked key at once in this process", async () => {
    const { key, apiKey } = await createApiKey(shop, "ChatGPT");
    await authenticateApiKey(shop, `Bearer ${key}`, t0);

    await revokeApiKey(shop, apiKey.id, t0);

    expect(await authenticateApiKey(shop, `Bearer ${key}`, t0)).toBeNull();
  });

  it("refuses a key revoked elsewhere once the cache lapses", async () => {
    const { key, apiKey } = await createApiKey(shop, "ChatGPT");
    await authenticateApiKey(shop, `Bearer ${key}`, t0);
    // Another instance revokes: only the database changes.
    await db.apiKey.update({
      where: { id: apiKey.id },
      data: { revokedAt: t0 },
    });

    const cached = await authenticateApiKey(shop, `Bearer ${key}`, at(1000));
    const after = await authenticateApiKey(
      shop,
      `Bearer ${key}`,
      at(AUTH_CACHE_TTL_MS),
    );

    expect(cached).toEqual({ keyId: apiKey.id });
    expect(after).toBeNull();
  });

  it("accepts a key created in another process at once", async () => {
    const header = `Bearer acpb_${"B".repeat(43)}`;
    expect(await authenticateApiKey(shop, header, t0)).toBeNull();
    await db.apiKey.create({
      data: {
        id: "key_elsewhere",
        shop,
        label: "made elsewhere",
        prefix: "acpb_BBBBBB",
        hash: hashApiKey(`acpb_${"B".repeat(43)}`),
      },
    });

    expect(await authenticateApiKey(shop, header, t0)).toEqual({
      keyId: "key_elsewhere",
    });
  });

  it("records lastUsedAt, at most once a minute", async () => {
    const { key, apiKey } = await createApiKey(shop, "ChatGPT");
    const header = `Bearer ${key}`;

    await authenticateApiKey(shop, header, t0);
    expect(await lastUsedAt(apiKey.id)).toEqual(t0);

    await authenticateApiKey(shop, header, at(30_000));
    // Another process's view: nothing cached, the database says t0.
    clearApiKeyCacheForTests();
    await authenticateApiKey(shop, header, at(59_000));
    expect(await lastUsedAt(apiKey.id)).toEqual(t0);

    await authenticateApiKey(shop, header, at(60_000));
    expect(await lastUsedAt(apiKey.id)).toEqual(at(60_000));
  });
});

describe("revokeApiKey", () => {
  it("revokes only the shop's own keys", async () => {
    const { apiKey } = await createApiKey(shop, "ChatGPT");

    expect(await revokeApiKey(otherShop, apiKey.id, t0)).toBe(false);
    expect((await listApiKeys(shop))[0]?.revokedAt).toBeNull();
    expect(await revokeApiKey(shop, apiKey.id, t0)).toBe(true);
    expect((await listApiKeys(shop))[0]?.revokedAt).toEqual(t0);
  });

  it("keeps the first revocation time when asked twice", async () => {
    const { apiKey } = await createApiKey(shop, "ChatGPT");
    await revokeApiKey(shop, apiKey.id, t0);

    expect(await revokeApiKey(shop, apiKey.id, at(5000))).toBe(false);
    expect((await listApiKeys(shop))[0]?.revokedAt).toEqual(t0);
  });
});
