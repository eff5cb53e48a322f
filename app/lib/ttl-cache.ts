/**
 * Values kept in this process for a few seconds: what every ACP call needs
 * of its shop and key (settings, "is the shop installed", the API key, the
 * Admin API client) and what changes only when a merchant acts. A change
 * made in this process drops the entry at once; other instances see it
 * when their entry ages out, so `ttlMs` bounds how stale any instance is.
 *
 * Bounded: past `maxEntries` the least recently stored entry goes first.
 */
export interface TtlCacheOptions {
  ttlMs: number;
  maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

export class TtlCache<K, V> {
  // Map order is insertion order: re-inserting on set keeps it by age.
  readonly #entries = new Map<K, { value: V; until: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(options: TtlCacheOptions) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  /** The value kept for `key`, unless it is older than the TTL. */
  get(key: K, nowMs = Date.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until > nowMs) return entry.value;

    this.#entries.delete(key);

    return undefined;
  }

  set(key: K, value: V, nowMs = Date.now()): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, until: nowMs + this.#ttlMs });
    if (this.#entries.size <= this.#maxEntries) return;

    const oldest = this.#entries.keys().next();
    if (!oldest.done) this.#entries.delete(oldest.value);
  }

  /** The kept value, or `load`'s, which is then kept. */
  async getOrLoad(
    key: K,
    load: () => Promise<V>,
    nowMs = Date.now(),
  ): Promise<V> {
    const kept = this.get(key, nowMs);
    if (kept !== undefined) return kept;

    const value = await load();
    this.set(key, value, nowMs);

    return value;
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** Drops every entry whose value matches, e.g. a revoked key's. */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.#entries) {
      if (matches(entry.value)) this.#entries.delete(key);
    }
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
