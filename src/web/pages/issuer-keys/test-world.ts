import { createTestApp, createTestUser, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { configureCredentials } from '../../../modules/credentials/index.ts';
import { addMember, createInstitution, type Institution } from '../../../modules/institutions/index.ts';
import { SYSTEM_ACTOR } from '../../../platform/access/index.ts';

export const ROLES = ['anonymous', 'learner', 'instructor', 'registrar', 'admin', 'otherAdmin', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];
export type Visitor = { cookies: string; token: string; userId: string };

/** Institutions the admin administers, each left to one group of tests so their keys do not mix. */
const ADMINISTERED = ['alpha', 'delta', 'epsilon', 'zeta'] as const;
type AdministeredKey = (typeof ADMINISTERED)[number];

/**
 * One app with member institutions whose admin is `admin`; `instructor` and `registrar` hold
 * those roles at alpha, `otherAdmin` administers beta, and gamma-applicant is unlisted. The
 * credentials are configured with the app's own address, so the DIDs name the app under test.
 * No credential is issued: every institution starts without a key.
 */
export async function createIssuerKeysWorld() {
  const ctx: TestContext = await createTestApp();
  configureCredentials({
    baseUrl: ctx.config.baseUrl,
    keyEncryptionSecret: ctx.config.keyEncryptionSecret,
    loadRemoteDidDocument: null,
  });
  const system = { db: ctx.platform.db, clock: ctx.platform.clock, actor: SYSTEM_ACTOR };
  const base = { country: 'KE', type: 'university' as const, membershipStatus: 'member' as const };
  const institutions = {} as Record<AdministeredKey | 'beta' | 'gamma-applicant', Institution>;
  for (const key of ADMINISTERED) {
    const title = `${key[0]!.toUpperCase()}${key.slice(1)} University`;
    institutions[key] = await createInstitution(system, { ...base, key, name: { en: title, ar: `جامعة ${key}` } });
  }
  institutions.beta = await createInstitution(system, { ...base, key: 'beta', name: { en: 'Beta Institute' } });
  institutions['gamma-applicant'] = await createInstitution(system, {
    ...base,
    key: 'gamma-applicant',
    name: { en: 'Gamma Applicant' },
    membershipStatus: 'applicant',
  });

  const memberships: Partial<Record<Role, Array<[Institution, 'admin' | 'instructor' | 'registrar']>>> = {
    instructor: [[institutions.alpha, 'instructor']],
    registrar: [[institutions.alpha, 'registrar']],
    admin: ADMINISTERED.map((key) => [institutions[key], 'admin']),
    otherAdmin: [[institutions.beta, 'admin']],
  };
  const visitors = {} as Record<Role, Visitor>;
  for (const role of ROLES) {
    if (role === 'anonymous') {
      visitors[role] = { ...(await getCsrf(ctx.app)), userId: '' };
      continue;
    }
    const user = await createTestUser(ctx.platform, {
      secretariat: role === 'secretariat',
      email: `${role.toLowerCase()}@keys.example.test`,
    });
    for (const [institution, membership] of memberships[role] ?? []) {
      await addMember(system, { institutionId: institution.id, userId: user.id, role: membership });
    }
    visitors[role] = { ...(await getCsrf(ctx.app, await signIn(ctx.app, user.email))), userId: user.id };
  }

  function get(role: Role, url: string, headers: Record<string, string> = {}) {
    return ctx.app.inject({ method: 'GET', url, headers: { cookie: visitors[role].cookies, ...headers } });
  }

  function post(role: Role, url: string, form: Record<string, string> = {}, options = { csrf: true }) {
    const body = new URLSearchParams(options.csrf ? { _csrf: visitors[role].token, ...form } : form);
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: visitors[role].cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  /** What verifiers see: the verification methods and revocation times of the published DID document. */
  async function readPublishedKeys(key: string): Promise<Array<{ id: string; revoked?: string }>> {
    const response = await ctx.app.inject({ method: 'GET', url: `/institutions/${key}/did.json` });
    if (response.statusCode === 404) return [];
    return (response.json() as { verificationMethod: Array<{ id: string; revoked?: string }> }).verificationMethod;
  }

  return {
    ctx,
    institutions,
    visitors,
    now: () => ctx.platform.clock.now(),
    get,
    post,
    readPublishedKeys,
    close: () => ctx.close(),
  };
}

export type IssuerKeysWorld = Awaited<ReturnType<typeof createIssuerKeysWorld>>;
