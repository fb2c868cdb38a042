import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import {
  CREDENTIAL_ROLES,
  createCredentialApiWorld,
  type CredentialApiWorld,
  type CredentialRole,
} from './test-world.ts';

let w: CredentialApiWorld;
const PROGRAMS = '/api/v1/programs';
const PROGRAM_KEY = 'climate-data-professional';

function programBody(key: string, overrides: Record<string, unknown> = {}) {
  return {
    key,
    title: { en: 'Climate Data Professional', ar: 'محترف بيانات المناخ' },
    leadInstitution: w.world.cast.lead.key,
    courses: [w.world.key],
    ...overrides,
  };
}

beforeAll(async () => {
  w = await createCredentialApiWorld();
  const created = await w.call('registrar', 'POST', PROGRAMS, programBody(PROGRAM_KEY));
  if (created.statusCode !== 201) throw new Error(`the program was not created: ${created.body}`);
});
afterAll(() => w.close());

const everyone = (status: number) =>
  Object.fromEntries(CREDENTIAL_ROLES.map((role) => [role, status])) as Record<CredentialRole, number>;

const TABLE: Array<{
  operation: string;
  send: (role: CredentialRole) => ReturnType<CredentialApiWorld['call']>;
  expected: Record<CredentialRole, number>;
}> = [
  {
    operation: 'createProgram POST /api/v1/programs',
    send: (role) => w.call(role, 'POST', PROGRAMS, programBody(`program-by-${role.toLowerCase()}`)),
    // The lead's admins and registrars; the partner's admin passes the first check, not the service's.
    expected: { ...everyone(403), anonymous: 401, issuerAdmin: 201, registrar: 201 },
  },
  {
    operation: 'getProgramProgress GET /api/v1/programs/:key/progress',
    send: (role) => w.call(role, 'GET', `${PROGRAMS}/${PROGRAM_KEY}/progress`),
    expected: { ...everyone(200), anonymous: 401 },
  },
  {
    operation: 'exportLearnerRecord GET /api/v1/me/learner-record',
    send: (role) => w.call(role, 'GET', '/api/v1/me/learner-record?format=json'),
    expected: { ...everyone(200), anonymous: 401 },
  },
];

describe('who may call the program and learner record operations', () => {
  for (const entry of TABLE) {
    it.each(CREDENTIAL_ROLES)(`${entry.operation} answers as the policy says for %s`, async (role) => {
      const response = await entry.send(role);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(entry.expected[role]);
      if (response.statusCode >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
    });
  }
});

describe('createProgram', () => {
  it('defines a program named by keys, audited', async () => {
    const response = await w.call(
      'issuerAdmin',
      'POST',
      PROGRAMS,
      programBody('any-one-of', { rule: 'any_n', requiredCount: 1 }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      key: 'any-one-of',
      leadInstitution: w.world.cast.lead.key,
      institutions: [w.world.cast.lead.key],
      courses: [w.world.key],
      rule: 'any_n',
      requiredCount: 1,
      title: { en: 'Climate Data Professional' },
    });
    const audit = await listAuditEvents(w.ctx.platform.db, {
      action: 'credentials.program.created',
      objectId: 'any-one-of',
    });
    expect(audit).toHaveLength(1);
  });

  it('answers 409 for a key already taken', async () => {
    const response = await w.call('registrar', 'POST', PROGRAMS, programBody(PROGRAM_KEY));
    expect(response.statusCode).toBe(409);
  });

  it('answers 400 for a course that does not exist', async () => {
    const response = await w.call('registrar', 'POST', PROGRAMS, programBody('ghost', { courses: ['no-such-course'] }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'program.invalid' });
  });

  it.each([
    ['a malformed key', { key: 'Not A Key' }, 'body.key'],
    ['no title', { title: {} }, 'body.title'],
    ['a title with a NUL', { title: { en: 'a\u0000b' } }, 'body.title.en'],
    ['a title keyed by no language', { title: { 'not a tag': 'x' } }, 'body.title.not a tag'],
    ['no course', { courses: [] }, 'body.courses'],
    ['any_n without a count', { rule: 'any_n' }, 'body.requiredCount'],
    ['a count above the courses', { rule: 'any_n', requiredCount: 2 }, 'body.requiredCount'],
    ['an unknown field', { owner: 'me' }, 'body'],
  ])('refuses %s with a 400', async (_label, overrides, field) => {
    const response = await w.call('registrar', 'POST', PROGRAMS, programBody('refused', overrides));
    expect(response.statusCode).toBe(400);
    const problem = response.json() as { errors?: Array<{ field: string }> };
    expect(problem.errors?.map((entry) => entry.field)).toContain(field);
  });
});

describe('getProgramProgress', () => {
  it('counts the course the owner passed, with its certificate', async () => {
    const body = (await w.call('owner', 'GET', `${PROGRAMS}/${PROGRAM_KEY}/progress`)).json();
    expect(body).toMatchObject({
      program: { key: PROGRAM_KEY, courses: [w.world.key] },
      courses: [{ courseKey: w.world.key, status: 'passed', credentialUuid: w.owner.credentialUuid }],
      passed: 1,
      required: 1,
      complete: true,
    });
  });

  it('shows someone who never enrolled as not started', async () => {
    const body = (await w.call('registrar', 'GET', `${PROGRAMS}/${PROGRAM_KEY}/progress`)).json();
    expect(body).toMatchObject({
      courses: [{ status: 'not_started', credentialUuid: null }],
      passed: 0,
      complete: false,
    });
  });

  it('answers 404 for an unknown program and 400 for a malformed key', async () => {
    expect((await w.call('owner', 'GET', `${PROGRAMS}/no-such-program/progress`)).statusCode).toBe(404);
    expect((await w.call('owner', 'GET', `${PROGRAMS}/NOT_A_KEY/progress`)).statusCode).toBe(400);
  });
});

describe('exportLearnerRecord', () => {
  it('gives a CLR 2.0 credential signed by the platform by default', async () => {
    const response = await w.call('otherLearner', 'GET', '/api/v1/me/learner-record');
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      credential: {
        type: string[];
        issuer: { id: string };
        credentialSubject: { verifiableCredential: Array<{ id: string }> };
      };
      jwt: string;
    };
    expect(body.credential.type).toContain('ClrCredential');
    expect(body.credential.issuer.id).toBe('did:web:orbis.example');
    expect(body.credential.credentialSubject.verifiableCredential.map((entry) => entry.id)).toEqual([
      `https://orbis.example/credentials/${w.otherLearner.credentialUuid}`,
    ]);
    expect(body.jwt.split('.')).toHaveLength(3);
  });

  it('gives the plain list as json, only the caller’s own', async () => {
    const body = (await w.call('otherLearner', 'GET', '/api/v1/me/learner-record?format=json')).json() as {
      credentials: Array<{ id: string }>;
    };
    expect(body.credentials.map((entry) => entry.id)).toEqual([w.otherLearner.credentialUuid]);
    expect(JSON.stringify(body)).not.toContain(w.owner.credentialUuid);
  });

  it.each(['format=xml', 'format=', 'other=1'])('refuses the query %s with a 400', async (query) => {
    expect((await w.call('owner', 'GET', `/api/v1/me/learner-record?${query}`)).statusCode).toBe(400);
  });
});
