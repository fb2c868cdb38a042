import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { SYSTEM_ACTOR, type ServiceContext } from '../../platform/access/index.ts';
import { systemClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createAccount, getUserProfile } from './service.ts';
import { setSignUpPreferences } from './sign-up.ts';

let database: DatabaseHandle;
let system: ServiceContext;
beforeAll(async () => {
  database = await createTestDatabase();
  system = { db: database.db, clock: systemClock, actor: SYSTEM_ACTOR };
});
afterAll(() => database.close());

async function newAccount(emailVerified: boolean) {
  return createAccount(system, {
    email: `person-${Math.random().toString(36).slice(2)}@example.test`,
    name: 'Person',
    password: 'a long enough password',
    emailVerified,
  });
}

describe('setSignUpPreferences', () => {
  it('stores the country and language of a brand-new, unconfirmed account', async () => {
    const account = await newAccount(false);
    expect(await setSignUpPreferences(system, account.id, { country: 'TH', locale: 'zh-Hans' })).toBe(true);
    expect(await getUserProfile(database.db, account.id)).toMatchObject({ country: 'TH', locale: 'zh-Hans' });
  });

  it('leaves confirmed accounts and unknown ids alone', async () => {
    const account = await newAccount(true);
    expect(await setSignUpPreferences(system, account.id, { country: 'TH', locale: 'ar' })).toBe(false);
    expect(await getUserProfile(database.db, account.id)).toMatchObject({ country: null, locale: null });
    expect(
      await setSignUpPreferences(system, '00000000-0000-4000-8000-000000000000', { country: null, locale: 'en' }),
    ).toBe(false);
    expect(await setSignUpPreferences(system, 'not-a-uuid', { country: null, locale: 'en' })).toBe(false);
  });

  it('may be called by the system only', async () => {
    const account = await newAccount(false);
    const person = {
      ...system,
      actor: { userId: account.id, isSecretariat: true, memberships: [], via: 'session' as const },
    };
    await expect(setSignUpPreferences(person, account.id, { country: null, locale: 'en' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('rejects codes that are not countries or supported languages', async () => {
    const account = await newAccount(false);
    await expect(setSignUpPreferences(system, account.id, { country: 'XX', locale: 'en' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(setSignUpPreferences(system, account.id, { country: null, locale: 'fr' })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });
});
