import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { SYSTEM_ACTOR, type ServiceContext } from '../../../platform/access/index.ts';
import {
  addMember,
  createInstitution,
  getInstitutionByKey,
  inviteMember,
  type Institution,
  type InvitationMailComposer,
} from '../../../modules/institutions/index.ts';

type Role = 'anonymous' | 'learner' | 'instructorA' | 'adminA' | 'adminB' | 'secretariat';
const ROLES: Role[] = ['anonymous', 'learner', 'instructorA', 'adminA', 'adminB', 'secretariat'];

let ctx: TestContext;
let system: ServiceContext;
let alpha: Institution;
const sessions = {} as Record<Role, { cookies: string; token: string }>;
const userIds = {} as Record<Role, string>;

const composeMail: InvitationMailComposer = ({ token }) => ({ subject: 'Join', text: token, locale: 'en' });

async function invite(email: string): Promise<string> {
  return (await inviteMember(system, alpha.id, { email, role: 'instructor' }, composeMail)).token;
}

beforeAll(async () => {
  ctx = await createTestApp();
  system = { db: ctx.platform.db, clock: ctx.platform.clock, actor: SYSTEM_ACTOR };
  const base = { country: 'KE', type: 'university' as const, membershipStatus: 'member' as const };
  alpha = await createInstitution(system, {
    ...base,
    key: 'alpha',
    name: { en: 'Alpha University', 'zh-Hans': '阿尔法大学' },
  });
  const beta = await createInstitution(system, { ...base, key: 'beta', name: { en: 'Beta Institute' }, country: 'CN' });
  await createInstitution(system, {
    ...base,
    key: 'gamma-applicant',
    name: { en: 'Gamma Applicant' },
    membershipStatus: 'applicant',
  });
  const memberships: Partial<Record<Role, [Institution, 'admin' | 'instructor']>> = {
    instructorA: [alpha, 'instructor'],
    adminA: [alpha, 'admin'],
    adminB: [beta, 'admin'],
  };
  for (const role of ROLES) {
    if (role === 'anonymous') {
      sessions[role] = await getCsrf(ctx.app);
      continue;
    }
    const user = await createTestUser(ctx.platform, {
      secretariat: role === 'secretariat',
      email: `${role.toLowerCase()}@example.test`,
    });
    userIds[role] = user.id;
    const membership = memberships[role];
    if (membership) await addMember(system, { institutionId: membership[0].id, userId: user.id, role: membership[1] });
    sessions[role] = await getCsrf(ctx.app, await signIn(ctx.app, user.email));
  }
});
afterAll(() => ctx.close());

function get(role: Role, url: string) {
  return ctx.app.inject({ method: 'GET', url, headers: { cookie: sessions[role].cookies } });
}

function post(role: Role, url: string, form: Record<string, string | string[]> = {}) {
  const body = new URLSearchParams();
  body.set('_csrf', sessions[role].token);
  for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) body.append(name, item);
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: sessions[role].cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

type Case = {
  name: string;
  method: 'GET' | 'POST';
  url: (role: Role) => string;
  form?: (role: Role) => Record<string, string | string[]>;
  expected: Record<Role, number>;
};

const managers = (yes: number, no = 403): Record<Role, number> => ({
  anonymous: 303,
  learner: no,
  instructorA: no,
  adminA: yes,
  adminB: no,
  secretariat: yes,
});
const secretariatOnly = (yes: number): Record<Role, number> => ({ ...managers(403), secretariat: yes });
const everyone = (status: number): Record<Role, number> =>
  Object.fromEntries(ROLES.map((role) => [role, status])) as Record<Role, number>;
const NIL = '00000000-0000-0000-0000-000000000000';

const CASES: Case[] = [
  { name: 'the directory', method: 'GET', url: () => '/institutions', expected: everyone(200) },
  {
    name: 'a filtered directory',
    method: 'GET',
    url: () => '/institutions?region=africa&type=university&q=alpha&country=KE&page=1',
    expected: everyone(200),
  },
  {
    name: 'a directory with nonsense filters',
    method: 'GET',
    url: () => '/institutions?region=mars&page=-4&type=castle',
    expected: everyone(200),
  },
  { name: 'a profile', method: 'GET', url: () => '/institutions/alpha', expected: everyone(200) },
  { name: 'an unknown profile', method: 'GET', url: () => '/institutions/no-such-place', expected: everyone(404) },
  {
    name: 'an applicant’s profile',
    method: 'GET',
    url: () => '/institutions/gamma-applicant',
    expected: { ...everyone(404), secretariat: 200 },
  },
  { name: 'the manage page', method: 'GET', url: () => '/institutions/alpha/manage', expected: managers(200) },
  { name: 'the new institution form', method: 'GET', url: () => '/institutions/new', expected: secretariatOnly(200) },
  {
    name: 'creating an institution',
    method: 'POST',
    url: () => '/institutions',
    form: (role) => ({
      key: `new-${role.toLowerCase()}`,
      nameEn: 'New Place',
      country: 'BR',
      type: 'university',
      status: 'member',
    }),
    expected: secretariatOnly(303),
  },
  {
    name: 'saving the profile',
    method: 'POST',
    url: () => '/institutions/alpha/manage',
    form: () => ({
      nameEn: 'Alpha University',
      nameZh: '阿尔法大学',
      shortName: 'Alpha',
      city: 'Nairobi',
      website: 'https://alpha.example',
    }),
    expected: managers(303),
  },
  {
    name: 'inviting someone',
    method: 'POST',
    url: () => '/institutions/alpha/invitations',
    form: (role) => ({ email: `${role}@invited.test`, role: 'instructor' }),
    expected: managers(303),
  },
  {
    name: 'revoking an unknown invitation',
    method: 'POST',
    url: () => `/institutions/alpha/invitations/${NIL}/revocation`,
    expected: managers(303),
  },
  {
    name: 'changing roles',
    method: 'POST',
    url: () => `/institutions/alpha/people/${userIds.instructorA}/roles`,
    form: () => ({ roles: ['instructor'] }),
    expected: managers(303),
  },
  {
    name: 'removing someone who is not there',
    method: 'POST',
    url: () => `/institutions/alpha/people/${NIL}/removal`,
    expected: managers(303),
  },
  {
    name: 'changing membership status',
    method: 'POST',
    url: () => '/institutions/alpha/status',
    form: () => ({ status: 'member' }),
    expected: secretariatOnly(303),
  },
];

describe('institution pages answer each role as expected', () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: ${ROLES.map((role) => `${role} ${testCase.expected[role]}`).join(', ')}`, async () => {
      const actual: Record<string, number> = {};
      for (const role of ROLES) {
        const url = testCase.url(role);
        const response =
          testCase.method === 'GET' ? await get(role, url) : await post(role, url, testCase.form?.(role) ?? {});
        actual[role] = response.statusCode;
        if (role === 'anonymous' && response.statusCode === 303)
          expect(response.headers.location).toMatch(/^\/sign-in\?next=%2F/);
      }
      expect(actual).toEqual(testCase.expected);
    });
  }

  it('invitation pages: the page is public, acceptance needs the invited person', async () => {
    const token = await invite('learner@example.test');
    for (const role of ROLES) expect((await get(role, `/invitations/${token}`)).statusCode).toBe(200);
    expect((await get('anonymous', '/invitations/not-a-real-token-at-all')).statusCode).toBe(404);
    const acceptance = `/invitations/${token}/acceptance`;
    expect((await post('anonymous', acceptance)).statusCode).toBe(303);
    for (const role of ['instructorA', 'adminA', 'adminB', 'secretariat'] as const) {
      expect((await post(role, acceptance)).statusCode).toBe(403);
    }
    const accepted = await post('learner', acceptance);
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/institutions/alpha?welcome=1');
    expect((await post('learner', acceptance)).statusCode).toBe(409);
  });
});

describe('the directory and profile pages', () => {
  it('shows names in the reader’s language, region counts as filter links and the joined date', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/institutions',
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(response.body).toContain('阿尔法大学');
    expect(response.body).toContain('href="/institutions?region=africa"');
    expect(response.body).toContain('非洲：1');
    expect(response.body).not.toContain('Gamma Applicant');
  });

  it('shows an empty state when nothing matches', async () => {
    const response = await get('anonymous', '/institutions?q=zzzz-nothing');
    expect(response.body).toContain('No institutions match these filters.');
  });

  it('offers the manage link only to those who may manage', async () => {
    expect((await get('adminA', '/institutions/alpha')).body).toContain('href="/institutions/alpha/manage"');
    expect((await get('adminB', '/institutions/alpha')).body).not.toContain('/manage');
  });

  it('re-renders the profile form with accessible errors instead of failing', async () => {
    const response = await post('adminA', '/institutions/alpha/manage', {
      nameEn: '',
      shortName: 'A',
      logoUrl: 'http://insecure.example/logo.png',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('role="alert"');
    expect(response.body).toMatch(/id="logoUrl"[^>]*aria-invalid="true"/);
    expect((await getInstitutionByKey(ctx.platform.db, 'alpha'))?.name.en).toBe('Alpha University');
  });

  it('refuses to remove the last admin with a notice', async () => {
    const response = await post('adminA', `/institutions/alpha/people/${userIds.adminA}/removal`);
    expect(response.headers.location).toBe('/institutions/alpha/manage?notice=last-admin');
    const page = await get('adminA', response.headers.location as string);
    expect(page.body).toContain('An institution must keep at least one administrator.');
  });

  it('shows the alliance numbers on the home page', async () => {
    const response = await get('anonymous', '/');
    // alpha (KE), beta (CN) and the member the secretariat created above (BR); not the applicant.
    expect(response.body).toContain('3 member institutions');
    expect(response.body).toContain('3 countries');
  });
});
