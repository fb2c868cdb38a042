import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCredential } from '../../../modules/credentials/index.ts';
import { CREDENTIAL_ROLES, createCredentialApiWorld, type CredentialApiWorld } from './test-world.ts';

let w: CredentialApiWorld;
let document: Record<string, unknown>;
let jwt: string;

const VERIFY = '/api/v1/credentials/verify';

beforeAll(async () => {
  w = await createCredentialApiWorld();
  ({ document, jwt } = await getCredential(w.otherLearner.ctx, w.otherLearner.credentialUuid));
});
afterAll(() => w.close());

type Report = {
  verdict: string;
  form: string | null;
  steps: Array<{ id: string; outcome: string; reason?: string; detail?: string }>;
  credential: { issuerId: string | null; achievementName: string | null } | null;
};

const outcomes = (report: Report) => report.steps.map((step) => `${step.id}:${step.outcome}`);

describe('verifyCredential', () => {
  it.each(CREDENTIAL_ROLES)('verifies for anyone, here %s, without signing in', async (role) => {
    const response = await w.call(role, 'POST', VERIFY, { credential: document });
    expect(response.statusCode).toBe(200);
    expect((response.json() as Report).verdict).toBe('verified');
  });

  it('reports each step of a credential given as JSON', async () => {
    const report = (await w.call('anonymous', 'POST', VERIFY, { credential: document })).json() as Report;
    expect(report.form).toBe('json');
    expect(outcomes(report)).toEqual([
      'format:passed',
      'shape:passed',
      'proof:passed',
      'dates:passed',
      'status:passed',
      'type:passed',
    ]);
    expect(report.credential?.issuerId).toBe(`did:web:orbis.example:institutions:${w.world.cast.lead.key}`);
  });

  it('verifies the same credential given as a VC-JWT', async () => {
    const report = (await w.call('anonymous', 'POST', VERIFY, { jwt })).json() as Report;
    expect(report).toMatchObject({ verdict: 'verified', form: 'jwt' });
  });

  it('answers 200 with an invalid verdict for a credential altered after signing', async () => {
    const altered = { ...document, name: 'A certificate I never earned' };
    const response = await w.call('anonymous', 'POST', VERIFY, { credential: altered });
    expect(response.statusCode).toBe(200);
    const report = response.json() as Report;
    expect(report.verdict).toBe('invalid');
    expect(report.steps.find((step) => step.id === 'proof')).toMatchObject({ outcome: 'failed' });
  });

  it('refuses a credential that names a runtime built-in, and verifies the next one as before', async () => {
    for (const name of ['__proto__', 'constructor']) {
      const status = { ...(document.credentialStatus as Record<string, unknown>), statusListCredential: name };
      const response = await w.call('anonymous', 'POST', VERIFY, {
        credential: { ...document, credentialStatus: status },
      });
      expect(response.statusCode).toBe(200);
      const report = response.json() as Report;
      expect(report.verdict).toBe('invalid');
      expect(report.steps.find((step) => step.id === 'proof')).toMatchObject({
        outcome: 'failed',
        reason: 'malformed_credential',
        detail: expect.stringContaining(`"${name}"`),
      });
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
    const genuine = (await w.call('anonymous', 'POST', VERIFY, { credential: document })).json() as Report;
    expect(genuine.verdict).toBe('verified');
  });

  it('answers 200 with an invalid verdict for text that is no credential', async () => {
    const report = (await w.call('anonymous', 'POST', VERIFY, { jwt: 'not a jwt' })).json() as Report;
    expect(report).toMatchObject({ verdict: 'invalid', form: null, credential: null });
    expect(report.steps[0]).toMatchObject({ id: 'format', outcome: 'failed' });
    const empty = (await w.call('anonymous', 'POST', VERIFY, { credential: {} })).json() as Report;
    expect(empty.verdict).toBe('invalid');
  });

  it('says revoked once the awarding institution revoked it', async () => {
    const holder = await w.buildHolder('Later revoked');
    const stored = await getCredential(holder.ctx, holder.credentialUuid);
    const revoked = await w.call('registrar', 'POST', `/api/v1/credentials/${holder.credentialUuid}/revoke`, {
      reason: 'Identity fraud',
    });
    expect(revoked.statusCode).toBe(200);
    for (const body of [{ credential: stored.document }, { jwt: stored.jwt }]) {
      const report = (await w.call('anonymous', 'POST', VERIFY, body)).json() as Report;
      expect(report.verdict).toBe('revoked');
      expect(report.steps.find((step) => step.id === 'status')).toMatchObject({ outcome: 'failed', reason: 'revoked' });
    }
  });

  it.each([
    ['neither field', {}],
    ['both fields', { credential: {}, jwt: 'a.b.c' }],
    ['a credential that is not an object', { credential: 'text' }],
    ['a credential that is an array', { credential: [] }],
    ['an empty jwt', { jwt: '' }],
    ['a jwt that is not text', { jwt: 42 }],
    ['an unknown field', { jwt: 'a.b.c', url: 'https://evil.example' }],
  ])('refuses %s with a 400', async (_label, payload) => {
    const response = await w.call('anonymous', 'POST', VERIFY, payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a body that is not JSON, and JSON nested too deeply, with a 400', async () => {
    const broken = await w.ctx.app.inject({
      method: 'POST',
      url: VERIFY,
      headers: { 'content-type': 'application/json' },
      payload: '{"credential":',
    });
    expect(broken.statusCode).toBe(400);
    const deep = `{"credential":${'{"a":'.repeat(200)}1${'}'.repeat(200)}}`;
    const nested = await w.ctx.app.inject({
      method: 'POST',
      url: VERIFY,
      headers: { 'content-type': 'application/json' },
      payload: deep,
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json()).toMatchObject({ errors: [{ field: 'body.credential' }] });
  });

  it('refuses a body over 256 KB with a 413', async () => {
    const response = await w.call('anonymous', 'POST', VERIFY, { jwt: 'x'.repeat(300 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
