import type { Executor } from '../../platform/db/index.ts';
import { createMemoryCache, type ReadCache } from '../../platform/cache/index.ts';

/*
 * Searches repeat (the same words, the same facets, many readers at once), and the catalog
 * changes only when a course is published, a run or an owner changes. Answers are kept for a few
 * seconds per database and query; every write to the catalog in this process starts a new
 * generation, so its own readers see the change at once and other processes within the TTL.
 */
const SEARCH_TTL_MS = 5_000;
const caches = new WeakMap<object, ReadCache>();
let generation = 0;

function cacheFor(executor: Executor): ReadCache {
  let cache = caches.get(executor);
  if (!cache) {
    cache = createMemoryCache({ ttlMs: SEARCH_TTL_MS, maxEntries: 1_000 });
    caches.set(executor, cache);
  }
  return cache;
}

/** Called by every catalog write. */
export function startNewSearchGeneration(): void {
  generation += 1;
}

/** The current generation; pages cached elsewhere may key on it too. */
export function readCatalogGeneration(): number {
  return generation;
}

export function readThroughSearchCache<T>(executor: Executor, key: string, load: () => Promise<T>): Promise<T> {
  return cacheFor(executor).getOrLoad(`${generation}:${key}`, load);
}
