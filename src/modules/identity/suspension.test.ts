import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, setAccountSuspension, updateCurrentProfile } from './index.ts';
import { createTestApp, createTestUser, signIn, type TestContext } from '../../../test/support/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

function actorOf(user: { id: string }, isSecretariat = false) {
  return { userId: user.id, isSecretariat, memberships: [], via: 'session' as const };
}

describe('account suspension', () => {
  it('ends the sessions and API tokens of a suspended account at once', async () => {
    const { platform, app } = ctx;
    const secretariat = await createTestUser(platform, { secretariat: true });
    const learner = await createTestUser(platform);
    const cookie = await signIn(app, learner.email);
    const { token } = await createApiToken(
      { db: platform.db, clock: platform.clock, actor: actorOf(learner) },
      { name: 'script' },
    );
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);

    await setAccountSuspension(
      { db: platform.db, clock: platform.clock, actor: actorOf(secretariat, true) },
      learner.id,
      true,
    );

    expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
      401,
    );
  });

  it('is reserved to the secretariat', async () => {
    const { platform } = ctx;
    const learner = await createTestUser(platform);
    const other = await createTestUser(platform);
    await expect(
      setAccountSuspension({ db: platform.db, clock: platform.clock, actor: actorOf(learner) }, other.id, true),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('updateCurrentProfile', () => {
  it('refuses fields a person may not set on themselves', async () => {
    const { platform } = ctx;
    const learner = await createTestUser(platform);
    const context = { db: platform.db, clock: platform.clock, actor: actorOf(learner) };
    await expect(
      updateCurrentProfile(context, { platformRole: 'secretariat' } as unknown as { name: string }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(updateCurrentProfile(context, { country: 'XX' })).rejects.toMatchObject({ kind: 'invalid' });
    const updated = await updateCurrentProfile(context, { country: 'KE', locale: 'ar' });
    expect(updated).toMatchObject({ country: 'KE', locale: 'ar', platformRole: null });
  });
});
