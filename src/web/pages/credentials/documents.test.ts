import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getCredential,
  readCredentialSettings,
  readStatusBit,
  type BitstringStatusListEntry,
} from '../../../modules/credentials/index.ts';
import { createCredentialPagesWorld, ROLES, type CredentialPagesWorld } from './test-world.ts';

let world: CredentialPagesWorld;
let issuerKey: string;
let entry: BitstringStatusListEntry;
let statusPath: string;
beforeAll(async () => {
  world = await createCredentialPagesWorld();
  issuerKey = world.institutions.issuer.key;
  const stored = await getCredential(world.world.registrar.ctx, world.holder.uuid);
  entry = stored.document.credentialStatus as BitstringStatusListEntry;
  statusPath = new URL(entry.statusListCredential).pathname;
});
afterAll(() => world?.close());

const didPath = (key: string) => `/institutions/${key}/did.json`;
const jwksPath = (key: string) => `/institutions/${key}/jwks.json`;

function expectPublicCaching(headers: Record<string, unknown>, maxAge: number) {
  expect(headers['cache-control']).toBe(`public, max-age=${maxAge}`);
  expect(headers['access-control-allow-origin']).toBe('*');
}

describe('who may fetch the published documents (did.json, jwks.json, credentials/status)', () => {
  it.each(ROLES)('serves all three to %s alike, for anyone to verify with', async (role) => {
    for (const url of [didPath(issuerKey), jwksPath(issuerKey), statusPath]) {
      const response = await world.get(role, url);
      expect(response.statusCode, url).toBe(200);
    }
  });
});

describe("an institution's DID document (did.json)", () => {
  it('is the did:web document of the issuer, with its signing key, cacheable for five minutes', async () => {
    const response = await world.get('anonymous', didPath(issuerKey));
    expect(response.headers['content-type']).toBe('application/did+json');
    expectPublicCaching(response.headers, 300);
    const document = response.json() as { id: string; assertionMethod: string[]; verificationMethod: unknown[] };
    expect(document.id).toBe(`did:web:localhost%3A3000:institutions:${issuerKey}`);
    expect(document.assertionMethod).toEqual([`${document.id}#key-1`]);
    expect(document.verificationMethod).toHaveLength(1);
  });

  it('is what credentials name as their issuer', async () => {
    const document = (await world.get('anonymous', didPath(issuerKey))).json() as { id: string };
    const stored = await getCredential(world.world.registrar.ctx, world.holder.uuid);
    expect((stored.document.issuer as { id: string }).id).toBe(document.id);
  });

  it('leaves the institution’s own page where it was', async () => {
    const response = await world.get('anonymous', `/institutions/${issuerKey}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it.each([
    ['an unknown institution', 'no-such-institution'],
    ['a malformed key', 'Not_A_Key'],
  ])('answers 404 as JSON for %s', async (_label, key) => {
    const response = await world.get('anonymous', didPath(key));
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers 404 for an institution that has never signed anything, so has no key', async () => {
    const other = world.world.cast.other.key;
    expect((await world.get('anonymous', didPath(other))).statusCode).toBe(404);
    expect((await world.get('anonymous', jwksPath(other))).statusCode).toBe(404);
  });
});

describe("an institution's keys as a JWKS (jwks.json)", () => {
  it('lists the signing key as an Ed25519 JWK named by its verification method', async () => {
    const response = await world.get('anonymous', jwksPath(issuerKey));
    expect(response.headers['content-type']).toBe('application/jwk-set+json');
    expectPublicCaching(response.headers, 300);
    const { keys } = response.json() as { keys: Array<Record<string, string>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      kid: `did:web:localhost%3A3000:institutions:${issuerKey}#key-1`,
    });
    expect(keys[0]).not.toHaveProperty('d');
  });
});

describe('a status list (credentials/status)', () => {
  it('is the signed list the credentials point at, cacheable for the configured time', async () => {
    const response = await world.get('anonymous', statusPath);
    expect(response.headers['content-type']).toBe('application/vc+ld+json');
    expectPublicCaching(response.headers, readCredentialSettings().statusListTtlSeconds);
    expect(response.headers['last-modified']).toBeDefined();
    const list = response.json() as { id: string; type: string[]; proof: unknown };
    expect(list.id).toBe(entry.statusListCredential);
    expect(list.type).toContain('BitstringStatusListCredential');
    expect(list.proof).toBeDefined();
  });

  it('shows a revocation at once: the credential’s bit is set in the list it serves', async () => {
    const { uuid } = await world.issueCredentialTo('Farah Haddad');
    const stored = await getCredential(world.world.registrar.ctx, uuid);
    const own = stored.document.credentialStatus as BitstringStatusListEntry;
    const before = (await world.get('anonymous', new URL(own.statusListCredential).pathname)).json();
    expect(readStatusBit(own, before)).toBe(false);
    const revoked = await world.post('registrar', `/credentials/${uuid}/revoke`, { reason: 'Issued in error.' });
    expect(revoked.statusCode).toBe(303);
    const after = (await world.get('anonymous', new URL(own.statusListCredential).pathname)).json();
    expect(readStatusBit(own, after)).toBe(true);
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])('answers 404 for %s', async (uuid) => {
    const response = await world.get('anonymous', `/credentials/status/${uuid}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404 });
  });
});
