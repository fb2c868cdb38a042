/**
 * A read-through cache for reads that decide access on every request (who is signed in, their
 * roles, the run a learner opens). Unlike `createMemoryCache` it can forget single values: the
 * module that owns the data calls `invalidate` from its writes, so this process never serves a
 * value older than its own last change. Other processes keep a value until it expires; the TTL
 * is that delay's upper bound (ADR 0021).
 */
export type KeyedCache<V> = {
  getOrLoad(key: string, load: () => Promise<V>): Promise<V>;
  /**
   * The value kept under `key` when there is one and it is still fresh, without loading; a hit
   * is then known at once, with no promise to wait for. `found: false` says "ask getOrLoad".
   */
  peek(key: string): { found: true; value: V } | { found: false };
  /**
   * Forgets every value `matches` accepts, and every load still running. For `settleMs` after
   * the call, newly loaded values it accepts are served but not kept: a write that invalidates
   * before its transaction commits is not undone by a reader that saw the old rows meanwhile.
   */
  invalidate(matches: (value: V) => boolean): void;
  clear(): void;
  readonly size: number;
};

export type KeyedCacheOptions<V> = {
  /** How long a value is kept; read at each use, so a setting can change it at run time. 0 turns the cache off. */
  ttlMs: number | (() => number);
  maxEntries: number;
  now?: () => number;
  /** Values that must never be kept, such as "not found" (kept, a stranger could fill the cache). */
  isStorable?: (value: V) => boolean;
  /** An end earlier than the TTL, in `now()` milliseconds (a session's own expiry); null for none. */
  expiresAtOf?: (value: V) => number | null;
  settleMs?: number;
};

type Entry<V> = { expiresAt: number; value: Promise<V>; settled: V | undefined; loaded: boolean };
type Tombstone<V> = { until: number; matches: (value: V) => boolean };

export function createKeyedCache<V>(options: KeyedCacheOptions<V>): KeyedCache<V> {
  const now = options.now ?? Date.now;
  const ttlOf = typeof options.ttlMs === 'function' ? options.ttlMs : () => options.ttlMs as number;
  const entries = new Map<string, Entry<V>>();
  let tombstones: Tombstone<V>[] = [];
  // Any invalidation moves it on; a load that started before cannot tell whether it read old rows.
  let generation = 0;

  function isRefused(value: V, at: number): boolean {
    if (tombstones.length === 0) return false;
    tombstones = tombstones.filter((tombstone) => tombstone.until > at);
    return tombstones.some((tombstone) => tombstone.matches(value));
  }

  function store(key: string, entry: Entry<V>, value: V, started: number): void {
    if (entries.get(key) !== entry) return;
    const at = now();
    const ttl = ttlOf();
    const keep = started === generation && ttl > 0 && (options.isStorable?.(value) ?? true) && !isRefused(value, at);
    const end = Math.min(at + ttl, options.expiresAtOf?.(value) ?? Number.POSITIVE_INFINITY);
    if (!keep || end <= at) {
      entries.delete(key);
      return;
    }
    entry.expiresAt = end;
    entry.settled = value;
    entry.loaded = true;
  }

  const missing = { found: false } as const;

  return {
    peek(key) {
      if (ttlOf() <= 0) return missing;
      const hit = entries.get(key);
      if (!hit?.loaded || hit.expiresAt <= now()) return missing;
      return { found: true, value: hit.settled as V };
    },
    async getOrLoad(key, load) {
      // Off means off: not even a load already running is shared.
      if (ttlOf() <= 0) return load();
      const hit = entries.get(key);
      if (hit) {
        if (!hit.loaded) return hit.value;
        if (hit.expiresAt > now()) return hit.settled as V;
        entries.delete(key);
      }
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      const started = generation;
      const value = load();
      const entry: Entry<V> = { expiresAt: Number.POSITIVE_INFINITY, value, settled: undefined, loaded: false };
      entries.set(key, entry);
      try {
        const loaded = await value;
        store(key, entry, loaded, started);
        return loaded;
      } catch (error) {
        if (entries.get(key) === entry) entries.delete(key);
        throw error;
      }
    },
    invalidate(matches) {
      generation += 1;
      for (const [key, entry] of entries) {
        if (!entry.loaded || matches(entry.settled as V)) entries.delete(key);
      }
      if (options.settleMs) tombstones.push({ until: now() + options.settleMs, matches });
    },
    clear() {
      generation += 1;
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * Values served from a cache are shared by every request that reads them; freezing them turns
 * an accidental change by one reader into an error instead of a leak into another's response.
 */
export function freezeDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || value instanceof Date) return value;
  for (const inner of Object.values(value)) freezeDeep(inner);
  return Object.freeze(value);
}

/** A short stable name for an object (a database handle), to keep its values apart in a shared cache. */
const scopeIds = new WeakMap<object, number>();
let lastScopeId = 0;

export function scopeKeyOf(scope: object): string {
  let id = scopeIds.get(scope);
  if (id === undefined) {
    lastScopeId += 1;
    id = lastScopeId;
    scopeIds.set(scope, id);
  }
  return String(id);
}

/*
 * One setting for every hot-path cache of the process: how long another process may serve a
 * value this process has changed. Read at each store, so configuring after start-up applies.
 */
export const DEFAULT_HOT_PATH_TTL_MS = 10_000;
const hotPath = { ttlMs: DEFAULT_HOT_PATH_TTL_MS, now: Date.now as () => number };

/** Sets the TTL (0 turns the caches off) and, for tests, the clock of every hot-path cache. */
export function configureHotPathCaches(settings: { ttlMs?: number; now?: () => number }): void {
  if (settings.ttlMs !== undefined) {
    if (!Number.isFinite(settings.ttlMs) || settings.ttlMs < 0) throw new RangeError('ttlMs must be 0 or more');
    hotPath.ttlMs = settings.ttlMs;
  }
  if (settings.now) hotPath.now = settings.now;
}

export function readHotPathTtl(): number {
  return hotPath.ttlMs;
}

/** A keyed cache that follows `configureHotPathCaches`. */
export function createHotPathCache<V>(options: Omit<KeyedCacheOptions<V>, 'ttlMs' | 'now'>): KeyedCache<V> {
  return createKeyedCache({ ...options, ttlMs: () => hotPath.ttlMs, now: () => hotPath.now() });
}
