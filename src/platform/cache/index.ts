/**
 * A small read-through cache for public, rarely changing reads (the alliance directory). It is
 * per process: other processes see a change when the entry expires, so the TTL bounds staleness.
 * A shared cache (Redis) can implement the same interface later. Reads that decide access use
 * the keyed caches of `keyed.ts` instead, which forget single values when their owner writes.
 */
export {
  DEFAULT_HOT_PATH_TTL_MS,
  configureHotPathCaches,
  createHotPathCache,
  createKeyedCache,
  freezeDeep,
  readHotPathTtl,
  scopeKeyOf,
  type KeyedCache,
  type KeyedCacheOptions,
} from './keyed.ts';

export type ReadCache = {
  getOrLoad<T>(key: string, load: () => Promise<T>): Promise<T>;
  clear(): void;
};

export function createMemoryCache(options: { ttlMs: number; maxEntries: number; now?: () => number }): ReadCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { expiresAt: number; value: Promise<unknown> }>();
  let generation = 0;
  return {
    async getOrLoad<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now()) return hit.value as Promise<T>;
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      const started = generation;
      const value = load();
      entries.set(key, { expiresAt: now() + options.ttlMs, value });
      try {
        return await value;
      } catch (error) {
        entries.delete(key);
        throw error;
      } finally {
        // A load that raced with a clear() may hold stale data: drop it.
        if (started !== generation) entries.delete(key);
      }
    },
    clear() {
      generation += 1;
      entries.clear();
    },
  };
}
