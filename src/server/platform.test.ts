import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOT_PATH_TTL_MS, configureHotPathCaches, readHotPathTtl } from '../platform/cache/index.ts';
import { createTestApp, createTestUser, signIn, type TestContext } from '../../test/support/app.ts';

let ctx: TestContext | null = null;
afterEach(async () => {
  await ctx?.close();
  ctx = null;
  configureHotPathCaches({ ttlMs: DEFAULT_HOT_PATH_TTL_MS });
});

/** Three requests of one session, and how many of them asked Better Auth who was signed in. */
async function countSessionLookups(context: TestContext): Promise<number> {
  const user = await createTestUser(context.platform);
  const cookie = await signIn(context.app, user.email);
  const getSession = vi.spyOn(context.platform.auth.api, 'getSession');
  try {
    for (let request = 0; request < 3; request += 1) {
      const response = await context.app.inject({ url: '/api/v1/me', headers: { cookie } });
      expect(response.statusCode).toBe(200);
      expect(response.json<{ id: string }>().id).toBe(user.id);
    }
    return getSession.mock.calls.length;
  } finally {
    getSession.mockRestore();
  }
}

describe('the hot-path cache TTL of the platform', () => {
  it('follows ORBIS_HOT_CACHE_SECONDS', async () => {
    configureHotPathCaches({ ttlMs: 1 });
    ctx = await createTestApp({ config: { ORBIS_HOT_CACHE_SECONDS: '45' } });
    expect(readHotPathTtl()).toBe(45_000);
    expect(await countSessionLookups(ctx)).toBe(1);
  });

  it('keeps the 10 second default when the variable is not set', async () => {
    configureHotPathCaches({ ttlMs: 1 });
    ctx = await createTestApp();
    expect(readHotPathTtl()).toBe(10_000);
  });

  it('turns the caches off with 0: every request reads the session again', async () => {
    ctx = await createTestApp({ config: { ORBIS_HOT_CACHE_SECONDS: '0' } });
    expect(readHotPathTtl()).toBe(0);
    expect(await countSessionLookups(ctx)).toBe(3);
  });
});
