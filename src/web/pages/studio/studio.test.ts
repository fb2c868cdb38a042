import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioWorld, type Session, type StudioWorld } from './test-setup.ts';

type Role = 'anonymous' | 'learner' | 'lead' | 'author' | 'assistant' | 'ownerAdmin' | 'otherAdmin';
const ROLES: Role[] = ['anonymous', 'learner', 'lead', 'author', 'assistant', 'ownerAdmin', 'otherAdmin'];
const NIL = '00000000-0000-0000-0000-000000000000';
const COURSE = '/studio/courses/climate-data';

let world: StudioWorld;
const sessions = {} as Record<Role, Session>;

beforeAll(async () => {
  world = await createStudioWorld();
  const { alpha, gamma } = world.institutions;
  sessions.anonymous = await world.anonymous();
  sessions.learner = await world.person('Learner');
  sessions.lead = await world.person('Lead', [alpha, 'instructor']);
  sessions.author = await world.person('Author', [alpha, 'instructor']);
  sessions.assistant = await world.person('Assistant', [alpha, 'instructor']);
  sessions.ownerAdmin = await world.person('OwnerAdmin', [alpha, 'admin']);
  sessions.otherAdmin = await world.person('OtherAdmin', [gamma, 'admin']);
  const created = await world.post(sessions.lead, '/studio/new', {
    key: 'climate-data',
    lead: String(alpha.id),
    partners: [String(world.institutions.nairobi.id)],
    textLanguage: 'en',
    title: 'Climate Data',
    languages: ['en'],
  });
  expect(created.statusCode).toBe(303);
  for (const [role, teamRole] of [
    ['author', 'author'],
    ['assistant', 'teaching_assistant'],
  ] as const) {
    const invited = await world.post(sessions.lead, `${COURSE}/team/invitations`, {
      email: sessions[role].email,
      role: teamRole,
      institution: String(alpha.id),
    });
    expect(invited.statusCode).toBe(303);
    await world.acceptAll(sessions[role]);
  }
});
afterAll(() => world.ctx.close());

type Case = {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  form?: (role: Role) => Record<string, string | string[]>;
  expected: Record<Role, number>;
};

const table = (values: Omit<Record<Role, number>, 'anonymous'>): Record<Role, number> => ({
  anonymous: 303,
  ...values,
});
const signedIn = table({ learner: 200, lead: 200, author: 200, assistant: 200, ownerAdmin: 200, otherAdmin: 200 });
const staffRead = table({ learner: 404, lead: 200, author: 200, assistant: 200, ownerAdmin: 200, otherAdmin: 404 });
const editors = table({ learner: 404, lead: 303, author: 303, assistant: 403, ownerAdmin: 403, otherAdmin: 404 });
const teamManagers = table({ learner: 404, lead: 303, author: 403, assistant: 403, ownerAdmin: 303, otherAdmin: 404 });
const runManagers = (status: number) =>
  table({ learner: 404, lead: status, author: 403, assistant: 403, ownerAdmin: 403, otherAdmin: 404 });

const CASES: Case[] = [
  { name: 'the studio', method: 'GET', url: '/studio', expected: signedIn },
  {
    name: 'the new course form',
    method: 'GET',
    url: '/studio/new',
    expected: { ...signedIn, learner: 403, otherAdmin: 200 },
  },
  {
    name: 'creating a course',
    method: 'POST',
    url: '/studio/new',
    form: (role) => ({
      key: `course-of-${role.toLowerCase()}`,
      lead: String(world.institutions[role === 'otherAdmin' ? 'gamma' : 'alpha'].id),
      title: 'Another course',
      textLanguage: 'en',
      languages: ['en'],
    }),
    expected: { ...signedIn, learner: 403, lead: 303, author: 303, assistant: 303, ownerAdmin: 303, otherAdmin: 303 },
  },
  { name: 'the settings page', method: 'GET', url: `${COURSE}/settings`, expected: staffRead },
  {
    name: 'saving the settings',
    method: 'POST',
    url: `${COURSE}/settings`,
    form: () => ({
      textLanguages: ['en'],
      'title.en': 'Climate Data',
      languages: ['en'],
      level: 'introductory',
      licence: 'CC-BY-4.0',
    }),
    expected: editors,
  },
  {
    name: 'uploading a course image without a file',
    method: 'POST',
    url: `${COURSE}/settings/image`,
    expected: editors,
  },
  { name: 'the team page', method: 'GET', url: `${COURSE}/team`, expected: staffRead },
  {
    name: 'inviting someone',
    method: 'POST',
    url: `${COURSE}/team/invitations`,
    form: (role) => ({
      email: `invited-by-${role.toLowerCase()}@example.test`,
      role: 'author',
      institution: String(world.institutions.alpha.id),
    }),
    expected: teamManagers,
  },
  {
    name: 'revoking an unknown invitation',
    method: 'POST',
    url: `${COURSE}/team/invitations/${NIL}/revocation`,
    expected: teamManagers,
  },
  {
    name: 'changing a role',
    method: 'POST',
    url: `${COURSE}/team/members/assistant-id/role`,
    form: () => ({ role: 'teaching_assistant' }),
    expected: teamManagers,
  },
  {
    name: 'removing someone who is not on the team',
    method: 'POST',
    url: `${COURSE}/team/members/nobody/removal`,
    expected: teamManagers,
  },
  {
    name: 'adding a partner institution',
    method: 'POST',
    url: `${COURSE}/owners`,
    form: () => ({ institution: String(world.institutions.delta.id) }),
    expected: teamManagers,
  },
  {
    name: 'removing a partner institution',
    method: 'POST',
    url: `${COURSE}/owners/delta-id/removal`,
    expected: teamManagers,
  },
  { name: 'the runs page', method: 'GET', url: `${COURSE}/runs`, expected: staffRead },
  {
    name: 'opening a run of a course never published',
    method: 'POST',
    url: `${COURSE}/runs`,
    form: () => ({ code: '2027-T1', pacing: 'self_paced', language: 'en', certificatePolicy: 'none' }),
    expected: runManagers(409),
  },
  {
    name: 'changing an unknown run',
    method: 'POST',
    url: `${COURSE}/runs/nope/settings`,
    form: () => ({ pacing: 'self_paced', language: 'en', certificatePolicy: 'none' }),
    expected: runManagers(404),
  },
  {
    name: 'moving an unknown run',
    method: 'POST',
    url: `${COURSE}/runs/nope/release`,
    form: () => ({ release: '1' }),
    expected: runManagers(404),
  },
  {
    name: 'grading an unknown run',
    method: 'POST',
    url: `${COURSE}/runs/nope/grading`,
    form: () => ({ 'types.0.name': 'Exam', 'types.0.weight': '100', passMark: '50' }),
    expected: runManagers(404),
  },
  {
    name: 'an unknown course',
    method: 'GET',
    url: '/studio/courses/no-such-course/settings',
    expected: table({ learner: 404, lead: 404, author: 404, assistant: 404, ownerAdmin: 404, otherAdmin: 404 }),
  },
];

/** Ids known only after setup are written as placeholders in the table. */
function resolve(url: string): string {
  return url
    .replace('assistant-id', sessions.assistant.userId)
    .replace('delta-id', String(world.institutions.delta.id));
}

describe('studio pages answer each role as expected', () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: ${ROLES.map((role) => `${role} ${testCase.expected[role]}`).join(', ')}`, async () => {
      const actual: Record<string, number> = {};
      for (const role of ROLES) {
        const url = resolve(testCase.url);
        const response =
          testCase.method === 'GET'
            ? await world.get(sessions[role], url)
            : await world.post(sessions[role], url, testCase.form?.(role) ?? {});
        actual[role] = response.statusCode;
        if (role === 'anonymous') expect(response.headers.location).toMatch(/^\/sign-in\?next=%2Fstudio/);
      }
      expect(actual).toEqual(testCase.expected);
    });
  }

  it('invitation pages: the page is public, answers need the invited person', async () => {
    expect((await world.get(sessions.anonymous, '/studio/invitations/not-a-real-token-at-all')).statusCode).toBe(404);
    expect((await world.post(sessions.anonymous, '/studio/invitations/abc/acceptance')).statusCode).toBe(303);
    const refused = await world.post(sessions.learner, `/studio/invitations/${NIL}/refusal`);
    expect(refused.headers.location).toBe('/studio?notice=gone');
  });
});

describe('the studio list', () => {
  it('shows the viewer’s courses with role, publication and draft state, and the new course link', async () => {
    const page = await world.get(sessions.author, '/studio');
    expect(page.body).toContain(`href="${COURSE}"`);
    expect(page.body).toContain('Climate Data');
    expect(page.body).toContain('Alpha University, University of Nairobi');
    expect(page.body).toContain('Author');
    expect(page.body).toContain('Not published yet');
    expect(page.body).toContain('href="/studio/new"');
    expect((await world.get(sessions.learner, '/studio')).body).not.toContain('href="/studio/new"');
  });

  it('lists the courses of an owning institution to its admin', async () => {
    const page = await world.get(sessions.ownerAdmin, '/studio');
    expect(page.body).toContain('Administrator of an owning institution');
  });

  it('shows the studio tabs with the current one marked', async () => {
    const page = await world.get(sessions.lead, `${COURSE}/team`);
    expect(page.body).toMatch(/href="\/studio\/courses\/climate-data\/team" aria-current="page"/);
    for (const tab of ['', '/settings', '/runs', '/history', '/preview'])
      expect(page.body).toContain(`href="${COURSE}${tab}"`);
  });
});
