import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIndependently } from '../../../modules/credentials/test-independent-verifier.ts';
import { getInstitutionDidDocument, getPlatformDidDocument } from '../../../modules/credentials/index.ts';
import { createCredentialPagesWorld, ROLES, type CredentialPagesWorld } from './test-world.ts';

let world: CredentialPagesWorld;
beforeAll(async () => {
  world = await createCredentialPagesWorld();
});
afterAll(() => world?.close());

const CLR = '/account/credentials/learner-record.clr.json';
const PLAIN = '/account/credentials/learner-record.json';

describe('the learner record downloads', () => {
  it.each(ROLES)('answers %s: signed-in people get their own record, others are sent to sign in', async (role) => {
    for (const url of [CLR, PLAIN]) {
      const response = await world.get(role, url);
      if (role === 'anonymous') {
        expect(response.statusCode).toBe(303);
        expect(response.headers.location).toContain('/sign-in');
        continue;
      }
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toContain('attachment');
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.json() as Record<string, unknown>;
      const held =
        url === CLR
          ? ((body.credentialSubject as Record<string, unknown>).verifiableCredential as unknown[])
          : (body.credentials as unknown[]);
      expect(held).toHaveLength(role === 'holder' ? 1 : 0);
    }
  });

  it('gives the holder a CLR 2.0 credential an independent verifier accepts', async () => {
    const response = await world.get('holder', CLR);
    const clr = response.json() as Record<string, unknown>;
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    const { db } = world.ctx.platform;
    const documents = [
      (await getPlatformDidDocument(db))!,
      (await getInstitutionDidDocument(db, world.institutions.issuer.key))!,
      (await getInstitutionDidDocument(db, world.institutions.partner.key))!,
    ];
    const result = await verifyIndependently(clr, documents);
    expect(result.error ?? null).toBeNull();
    expect(result.verified).toBe(true);
  });

  it('links both downloads from My credentials once there is a credential', async () => {
    const mine = await world.get('holder', '/account/credentials');
    expect(mine.body).toContain(`href="${CLR}"`);
    expect(mine.body).toContain(`href="${PLAIN}"`);
    const empty = await world.get('otherLearner', '/account/credentials');
    expect(empty.body).not.toContain(`href="${CLR}"`);
  });
});
