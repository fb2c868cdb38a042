import { describe, expect, it } from 'vitest';
import { createMemoryCache } from './index.ts';

describe('createMemoryCache', () => {
  it('loads once within the time to live and again after it', async () => {
    let time = 0;
    let loads = 0;
    const cache = createMemoryCache({ ttlMs: 1000, maxEntries: 10, now: () => time });
    const load = async () => ++loads;
    expect(await cache.getOrLoad('a', load)).toBe(1);
    expect(await cache.getOrLoad('a', load)).toBe(1);
    time = 1001;
    expect(await cache.getOrLoad('a', load)).toBe(2);
  });

  it('forgets everything on clear and never keeps a failed load', async () => {
    let loads = 0;
    const cache = createMemoryCache({ ttlMs: 60_000, maxEntries: 10 });
    await cache.getOrLoad('a', async () => ++loads);
    cache.clear();
    expect(await cache.getOrLoad('a', async () => ++loads)).toBe(2);
    await expect(cache.getOrLoad('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('b', async () => 'up')).toBe('up');
  });

  it('keeps at most the configured number of entries', async () => {
    let loads = 0;
    const cache = createMemoryCache({ ttlMs: 60_000, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await cache.getOrLoad(key, async () => ++loads);
    expect(await cache.getOrLoad('a', async () => ++loads)).toBe(4);
  });
});
