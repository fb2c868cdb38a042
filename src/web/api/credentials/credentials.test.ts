import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../../test/support/app.ts';
import { setCredentialVisibility } from '../../../modules/credentials/index.ts';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import {
  CREDENTIAL_ROLES,
  createCredentialApiWorld,
  type CredentialApiWorld,
  type CredentialRole,
} from './test-world.ts';

let w: CredentialApiWorld;

beforeAll(async () => {
  w = await createCredentialApiWorld();
});
afterAll(() => w.close());

const NIL = '00000000-0000-0000-0000-000000000000';
const credentialUrl = (uuid: string) => `/api/v1/credentials/${uuid}`;
const revokeUrl = (uuid: string) => `/api/v1/credentials/${uuid}/revoke`;

type Summary = {
  uuid: string;
  issuer: { key: string; name: string };
  revoked: { at: string; reason: string } | null;
  links: { page: string; json: string; jwt: string };
};

const everyone = (status: number) =>
  Object.fromEntries(CREDENTIAL_ROLES.map((role) => [role, status])) as Record<CredentialRole, number>;

/** The learner, the awarding institution's admins and registrars; nobody else learns it exists. */
const privateRead: Record<CredentialRole, number> = {
  ...everyone(404),
  owner: 200,
  issuerAdmin: 200,
  registrar: 200,
};

const TABLE: Array<{
  operation: string;
  send: (role: CredentialRole) => ReturnType<CredentialApiWorld['call']>;
  expected: Record<CredentialRole, number>;
}> = [
  {
    operation: 'listMyCredentials GET /api/v1/me/credentials',
    send: (role) => w.call(role, 'GET', '/api/v1/me/credentials'),
    expected: { ...everyone(200), anonymous: 401 },
  },
  {
    operation: 'getCredential GET /api/v1/credentials/:uuid (private)',
    send: (role) => w.call(role, 'GET', credentialUrl(w.owner.credentialUuid)),
    expected: privateRead,
  },
  {
    operation: 'getCredential GET /api/v1/credentials/:uuid (public)',
    send: (role) => w.call(role, 'GET', credentialUrl(w.sharer.credentialUuid)),
    expected: everyone(200),
  },
  {
    operation: 'revokeCredential POST /api/v1/credentials/:uuid/revoke',
    // The owner tries their own; the others a fresh one, as a success would make the next a 409.
    send: async (role) => {
      const uuid = role === 'owner' ? w.owner.credentialUuid : (await w.buildHolder(`Holder ${role}`)).credentialUuid;
      return w.call(role, 'POST', revokeUrl(uuid), { reason: `Revoked by ${role}` });
    },
    expected: { ...privateRead, anonymous: 401, owner: 403 },
  },
  {
    operation: 'revokeCredential POST /api/v1/credentials/:uuid/revoke (public)',
    send: async (role) => {
      const holder = await w.buildHolder(`Public holder for ${role}`);
      await setCredentialVisibility(holder.ctx, holder.credentialUuid, true);
      return w.call(role, 'POST', revokeUrl(holder.credentialUuid), { reason: `Revoked by ${role}` });
    },
    // Everyone sees a public credential, so refusing with 404 would hide nothing.
    expected: { ...everyone(403), anonymous: 401, issuerAdmin: 200, registrar: 200 },
  },
];

describe('who may call the credential operations', () => {
  for (const entry of TABLE) {
    it.each(CREDENTIAL_ROLES)(`${entry.operation} answers as the policy says for %s`, async (role) => {
      const response = await entry.send(role);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(entry.expected[role]);
      if (response.statusCode >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
    });
  }

  it('answers the same through a browser session from this site', async () => {
    expect((await w.call('owner', 'GET', '/api/v1/me/credentials', undefined, 'session')).statusCode).toBe(200);
    const holder = await w.buildHolder('Session holder');
    const response = await w.call(
      'registrar',
      'POST',
      revokeUrl(holder.credentialUuid),
      { reason: 'Fraud' },
      'session',
    );
    expect(response.statusCode).toBe(200);
  });

  it('refuses a revocation sent with the session cookie from another site', async () => {
    const holder = await w.buildHolder('Cross-site holder');
    const response = await w.ctx.app.inject({
      method: 'POST',
      url: revokeUrl(holder.credentialUuid),
      headers: {
        cookie: w.callers.registrar.cookie,
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ reason: 'Forged' }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'cross_site_write' });
    expect((await w.call('owner', 'GET', '/api/v1/me/credentials')).statusCode).toBe(200);
  });
});

describe('listMyCredentials', () => {
  it('lists only the caller’s credentials, with issuer and links', async () => {
    const body = (await w.call('owner', 'GET', '/api/v1/me/credentials')).json() as { items: Summary[] };
    expect(body.items).toHaveLength(1);
    const [summary] = body.items;
    expect(summary).toMatchObject({
      uuid: w.owner.credentialUuid,
      kind: 'course',
      language: 'en',
      public: false,
      revoked: null,
      issuer: { key: w.world.cast.lead.key, name: expect.any(String) },
    });
    expect(summary!.issuer.name.length).toBeGreaterThan(0);
    expect(summary!.links).toEqual({
      page: `https://orbis.example/credentials/${w.owner.credentialUuid}`,
      json: `https://orbis.example/credentials/${w.owner.credentialUuid}/credential.json`,
      jwt: `https://orbis.example/credentials/${w.owner.credentialUuid}/credential.jwt`,
    });
  });

  it('links to the pages that serve the credential', async () => {
    const body = (await w.call('owner', 'GET', '/api/v1/me/credentials')).json() as { items: Summary[] };
    const { links } = body.items[0]!;
    const cookie = w.callers.owner.cookie;
    for (const link of [links.page, links.json, links.jwt]) {
      const response = await w.ctx.app.inject({ method: 'GET', url: new URL(link).pathname, headers: { cookie } });
      expect(response.statusCode, link).toBe(200);
    }
  });

  it('gives an empty list to someone who holds none', async () => {
    expect((await w.call('registrar', 'GET', '/api/v1/me/credentials')).json()).toEqual({ items: [] });
  });
});

describe('getCredential', () => {
  it('gives the summary, the signed document and the VC-JWT', async () => {
    const body = (await w.call('registrar', 'GET', credentialUrl(w.owner.credentialUuid))).json() as {
      summary: Summary;
      credential: { id: string; proof: unknown[]; issuer: { id: string } };
      jwt: string;
    };
    expect(body.summary.uuid).toBe(w.owner.credentialUuid);
    expect(body.credential.id).toBe(body.summary.links.page);
    expect(body.credential.issuer.id).toBe(`did:web:orbis.example:institutions:${w.world.cast.lead.key}`);
    expect(body.credential.proof).toHaveLength(1);
    expect(body.jwt.split('.')).toHaveLength(3);
  });

  it('answers 404 for an unknown id and 400 for one that is not a UUID', async () => {
    expect((await w.call('owner', 'GET', credentialUrl(NIL))).statusCode).toBe(404);
    const malformed = await w.call('owner', 'GET', credentialUrl('not-a-uuid'));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'params.uuid' }] });
  });
});

describe('revokeCredential', () => {
  it('revokes with the reason, audits it, and refuses to revoke twice', async () => {
    const holder = await w.buildHolder('Revoked once');
    const url = revokeUrl(holder.credentialUuid);
    const response = await w.call('issuerAdmin', 'POST', url, { reason: '  Plagiarism found  ' });
    expect(response.statusCode).toBe(200);
    const summary = response.json() as Summary;
    expect(summary.revoked).toEqual({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), reason: 'Plagiarism found' });
    const audit = await listAuditEvents(w.ctx.platform.db, { action: 'credentials.revoked', objectId: summary.uuid });
    expect(audit).toHaveLength(1);

    const again = await w.call('registrar', 'POST', url, { reason: 'Twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'credentials.already_revoked' });

    const cookie = await signIn(w.ctx.app, holder.user.email, 'a-long-test-password');
    const mine = await w.ctx.app.inject({ method: 'GET', url: '/api/v1/me/credentials', headers: { cookie } });
    expect((mine.json() as { items: Summary[] }).items[0]!.revoked?.reason).toBe('Plagiarism found');
  });

  it.each([
    [{}, 'body.reason'],
    [{ reason: 'no' }, 'body.reason'],
    [{ reason: 'x'.repeat(501) }, 'body.reason'],
    [{ reason: 'Fine reason', extra: true }, 'body'],
    [{ reason: 'a\u0000b' }, 'body.reason'],
  ])('refuses the body %j with a 400 naming %s', async (payload, field) => {
    const response = await w.call('registrar', 'POST', revokeUrl(w.otherLearner.credentialUuid), payload);
    expect(response.statusCode).toBe(400);
    const problem = response.json() as { errors: Array<{ field: string }> };
    expect(problem.errors.map((entry) => entry.field)).toContain(field);
  });

  it('answers 404 for an unknown credential, before looking at the body', async () => {
    expect((await w.call('registrar', 'POST', revokeUrl(NIL), {})).statusCode).toBe(404);
  });
});
