import { describe, expect, it } from "vitest";
import { TtlCache } from "../../app/lib/ttl-cache";

describe("TtlCache", () => {
  it("keeps a value for its TTL, then forgets it", () => {
    const cache = new TtlCache<string, number>({ ttlMs: 5_000 });
    cache.set("a", 1, 1_000);

    expect(cache.get("a", 5_999)).toBe(1);
    expect(cache.get("a", 6_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("keeps false and zero as values", () => {
    const cache = new TtlCache<string, boolean | number>({ ttlMs: 100 });
    cache.set("off", false, 0);
    cache.set("none", 0, 0);

    expect(cache.get("off", 50)).toBe(false);
    expect(cache.get("none", 50)).toBe(0);
  });

  it("loads once while kept, and again once stale", async () => {
    const cache = new TtlCache<string, string>({ ttlMs: 100 });
    let loads = 0;
    const load = async () => `load ${++loads}`;

    expect(await cache.getOrLoad("k", load, 0)).toBe("load 1");
    expect(await cache.getOrLoad("k", load, 99)).toBe("load 1");
    expect(await cache.getOrLoad("k", load, 100)).toBe("load 2");
  });

  it("drops the least recently stored entry past its bound", () => {
    const cache = new TtlCache<string, number>({ ttlMs: 1_000, maxEntries: 2 });
    cache.set("a", 1, 0);
    cache.set("b", 2, 0);
    cache.set("a", 3, 0);
    cache.set("c", 4, 0);

    expect(cache.get("b", 0)).toBeUndefined();
    expect(cache.get("a", 0)).toBe(3);
    expect(cache.get("c", 0)).toBe(4);
  });

  it("drops every entry a predicate matches", () => {
    const cache = new TtlCache<string, { id: string }>({ ttlMs: 1_000 });
    cache.set("h1", { id: "key_1" }, 0);
    cache.set("h2", { id: "key_1" }, 0);
    cache.set("h3", { id: "key_2" }, 0);

    cache.deleteWhere((entry) => entry.id === "key_1");

    expect(cache.size).toBe(1);
    expect(cache.get("h3", 0)).toEqual({ id: "key_2" });
  });
});
