import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_HOT_PATH_TTL_MS,
  configureHotPathCaches,
  createHotPathCache,
  createKeyedCache,
  freezeDeep,
  readHotPathTtl,
  scopeKeyOf,
} from './index.ts';

function counter() {
  let loads = 0;
  return { load: async () => ++loads, loads: () => loads };
}

/** A load the test finishes by hand, to change things while it is running. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('createKeyedCache', () => {
  it('keeps a value for the TTL of its injected clock and loads it again after', async () => {
    let time = 0;
    const cache = createKeyedCache<number>({ ttlMs: 1000, maxEntries: 10, now: () => time });
    const source = counter();
    expect(await cache.getOrLoad('a', source.load)).toBe(1);
    time = 999;
    expect(await cache.getOrLoad('a', source.load)).toBe(1);
    time = 1000;
    expect(await cache.getOrLoad('a', source.load)).toBe(2);
  });

  it('peeks only at a loaded, fresh value, and never while the cache is off', async () => {
    let time = 0;
    let ttlMs = 1000;
    const cache = createKeyedCache<number>({ ttlMs: () => ttlMs, maxEntries: 10, now: () => time });
    expect(cache.peek('a')).toEqual({ found: false });
    const running = deferred<number>();
    const loading = cache.getOrLoad('a', () => running.promise);
    expect(cache.peek('a')).toEqual({ found: false });
    running.resolve(7);
    await loading;
    expect(cache.peek('a')).toEqual({ found: true, value: 7 });
    cache.invalidate((value) => value === 7);
    expect(cache.peek('a')).toEqual({ found: false });
    await cache.getOrLoad('a', async () => 8);
    time = 1000;
    expect(cache.peek('a')).toEqual({ found: false });
    time = 0;
    await cache.getOrLoad('b', async () => 9);
    ttlMs = 0;
    expect(cache.peek('b')).toEqual({ found: false });
  });

  it('never keeps a value past its own expiry', async () => {
    let time = 0;
    const cache = createKeyedCache<{ n: number; until: number }>({
      ttlMs: 60_000,
      maxEntries: 10,
      now: () => time,
      expiresAtOf: (value) => value.until,
    });
    let loads = 0;
    const load = async () => ({ n: ++loads, until: 500 });
    expect((await cache.getOrLoad('a', load)).n).toBe(1);
    time = 499;
    expect((await cache.getOrLoad('a', load)).n).toBe(1);
    time = 500;
    expect((await cache.getOrLoad('a', load)).n).toBe(2);
  });

  it('forgets exactly the values an invalidation matches', async () => {
    const cache = createKeyedCache<string>({ ttlMs: 60_000, maxEntries: 10 });
    await cache.getOrLoad('a', async () => 'user-1');
    await cache.getOrLoad('b', async () => 'user-2');
    cache.invalidate((value) => value === 'user-1');
    expect(await cache.getOrLoad('a', async () => 'user-1 again')).toBe('user-1 again');
    expect(await cache.getOrLoad('b', async () => 'reloaded')).toBe('user-2');
  });

  it('does not keep a value whose load was running when something was invalidated', async () => {
    const cache = createKeyedCache<string>({ ttlMs: 60_000, maxEntries: 10 });
    const slow = deferred<string>();
    const reading = cache.getOrLoad('a', () => slow.promise);
    cache.invalidate(() => false);
    slow.resolve('read before the write');
    expect(await reading).toBe('read before the write');
    expect(await cache.getOrLoad('a', async () => 'fresh')).toBe('fresh');
  });

  it('serves but does not keep matching values while a change settles', async () => {
    let time = 0;
    const cache = createKeyedCache<string>({ ttlMs: 60_000, maxEntries: 10, now: () => time, settleMs: 2000 });
    cache.invalidate((value) => value.startsWith('course-7'));
    expect(await cache.getOrLoad('a', async () => 'course-7 old')).toBe('course-7 old');
    expect(await cache.getOrLoad('a', async () => 'course-7 new')).toBe('course-7 new');
    expect(await cache.getOrLoad('b', async () => 'course-8')).toBe('course-8');
    expect(await cache.getOrLoad('b', async () => 'not loaded')).toBe('course-8');
    time = 2000;
    expect(await cache.getOrLoad('a', async () => 'course-7 kept')).toBe('course-7 kept');
    expect(await cache.getOrLoad('a', async () => 'not loaded')).toBe('course-7 kept');
  });

  it('never keeps what isStorable refuses, nor a failed load', async () => {
    const cache = createKeyedCache<string | null>({ ttlMs: 60_000, maxEntries: 10, isStorable: (v) => v !== null });
    expect(await cache.getOrLoad('a', async () => null)).toBeNull();
    expect(await cache.getOrLoad('a', async () => 'found')).toBe('found');
    await expect(cache.getOrLoad('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('b', async () => 'up')).toBe('up');
  });

  it('shares one load between concurrent readers of a key', async () => {
    const cache = createKeyedCache<number>({ ttlMs: 60_000, maxEntries: 10 });
    const source = counter();
    const answers = await Promise.all([1, 2, 3].map(() => cache.getOrLoad('a', source.load)));
    expect(answers).toEqual([1, 1, 1]);
    expect(source.loads()).toBe(1);
  });

  it('keeps at most the configured number of entries, and nothing with a TTL of 0', async () => {
    const bounded = createKeyedCache<number>({ ttlMs: 60_000, maxEntries: 2 });
    const source = counter();
    for (const key of ['a', 'b', 'c']) await bounded.getOrLoad(key, source.load);
    expect(bounded.size).toBe(2);
    expect(await bounded.getOrLoad('a', source.load)).toBe(4);
    const off = createKeyedCache<number>({ ttlMs: 0, maxEntries: 2 });
    const together = await Promise.all([off.getOrLoad('a', source.load), off.getOrLoad('a', source.load)]);
    expect(together).toEqual([5, 6]);
    expect(off.size).toBe(0);
  });
});

describe('hot-path caches', () => {
  afterEach(() => configureHotPathCaches({ ttlMs: DEFAULT_HOT_PATH_TTL_MS, now: Date.now }));

  it('follow the process-wide TTL and clock, read at each store', async () => {
    let time = 0;
    configureHotPathCaches({ ttlMs: 5000, now: () => time });
    const cache = createHotPathCache<number>({ maxEntries: 10 });
    const source = counter();
    await cache.getOrLoad('a', source.load);
    time = 4999;
    expect(await cache.getOrLoad('a', source.load)).toBe(1);
    time = 5000;
    expect(await cache.getOrLoad('a', source.load)).toBe(2);
    configureHotPathCaches({ ttlMs: 0 });
    expect(readHotPathTtl()).toBe(0);
    time = 20_000;
    await cache.getOrLoad('a', source.load);
    expect(await cache.getOrLoad('a', source.load)).toBe(4);
    expect(() => configureHotPathCaches({ ttlMs: -1 })).toThrow(RangeError);
  });
});

describe('freezeDeep and scopeKeyOf', () => {
  it('freezes nested objects and arrays but leaves dates usable', () => {
    const value = freezeDeep({ owners: [{ key: 'a' }], policy: { types: ['quiz'] }, at: new Date(0) });
    expect(Object.isFrozen(value.owners[0])).toBe(true);
    expect(() => value.policy.types.push('exam')).toThrow(TypeError);
    expect(value.at.getTime()).toBe(0);
  });

  it('names each object apart and the same object alike', () => {
    const first = {};
    const second = {};
    expect(scopeKeyOf(first)).toBe(scopeKeyOf(first));
    expect(scopeKeyOf(first)).not.toBe(scopeKeyOf(second));
  });
});
