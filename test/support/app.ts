import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createFixedClock } from '../../src/platform/clock/index.ts';
import { loadConfig, type Config } from '../../src/platform/config/index.ts';
import type { DatabaseHandle } from '../../src/platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../src/platform/access/index.ts';
import { createAccount, type UserProfile } from '../../src/modules/identity/index.ts';
import { openPlatform, type RunningPlatform } from '../../src/server/platform.ts';
import { buildApp } from '../../src/web/app.ts';
import { createTestDatabase } from './database.ts';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export type TestContext = {
  app: FastifyInstance;
  platform: RunningPlatform;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
};

export function createTestConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    ORBIS_BASE_URL: 'http://localhost:3000',
    ORBIS_SECRET: 'test-secret-test-secret-test-secret-0000',
    ORBIS_RATE_LIMIT: 'false',
    ORBIS_DEMO: 'false',
    ORBIS_LOG_LEVEL: 'silent',
    ...overrides,
  });
}

/** A full application on a fresh database, driven through app.inject without sockets. */
export async function createTestApp(options: { config?: Record<string, string> } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orbis-test-'));
  const config = createTestConfig({ ORBIS_DATA_DIR: dataDir, ...options.config });
  const platform = await openPlatform(config, {
    database,
    migrate: false,
    dispatchMail: false,
    clock: createFixedClock(new Date()),
  });
  const app = await buildApp({ platform, logger: false });
  await app.ready();
  return {
    app,
    platform,
    database,
    config,
    close: async () => {
      await app.close();
      await platform.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

export async function createTestUser(
  platform: RunningPlatform,
  overrides: Partial<{ email: string; name: string; secretariat: boolean; locale: string }> = {},
): Promise<UserProfile> {
  counter += 1;
  return createAccount(
    { db: platform.db, clock: platform.clock, actor: SYSTEM_ACTOR },
    {
      email: overrides.email ?? `user${counter}-${Date.now()}@example.test`,
      name: overrides.name ?? `Test User ${counter}`,
      password: TEST_PASSWORD,
      secretariat: overrides.secretariat ?? false,
      locale: overrides.locale ?? null,
    },
  );
}

/** Signs in through the real JSON endpoint and returns the Cookie header to send. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin: 'http://localhost:3000' },
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return cookieHeader(response.headers['set-cookie']);
}

export function cookieHeader(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((cookie) => cookie.split(';')[0]).join('; ');
}

/** Fetches a page and returns a CSRF token with the cookie jar it belongs to. */
export async function getCsrf(app: FastifyInstance, cookies = ''): Promise<{ token: string; cookies: string }> {
  // Anonymous pages carry no form token except where a form needs one, such as the sign-in page.
  const url = cookies.includes('session_token') ? '/' : '/sign-in';
  const response = await app.inject({ method: 'GET', url, headers: cookies ? { cookie: cookies } : {} });
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  const fresh = cookieHeader(response.headers['set-cookie']);
  return { token, cookies: [cookies, fresh].filter(Boolean).join('; ') };
}
