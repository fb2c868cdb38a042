import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type Institution } from '../../../modules/institutions/index.ts';
import { CREDENTIAL_ROLES, createCredentialApiWorld, type CredentialApiWorld } from './test-world.ts';

let w: CredentialApiWorld;
let applicant: Institution;

const issuerUrl = (key: string) => `/api/v1/institutions/${key}/issuer`;

beforeAll(async () => {
  w = await createCredentialApiWorld();
  const { helpers } = w.world;
  applicant = await helpers.buildInstitution({ membershipStatus: 'applicant' });
  await addMember(helpers.system, { institutionId: applicant.id, userId: w.callers.otherAdmin.userId, role: 'admin' });
});
afterAll(() => w.close());

type Issuer = {
  id: string;
  type: string[];
  name: string;
  address?: { addressCountryCode?: string };
  didDocument: { id: string; verificationMethod: Array<{ id: string; publicKeyMultibase: string }> } | null;
  didUrl: string;
  jwksUrl: string;
};

describe('getIssuerProfile', () => {
  it.each(CREDENTIAL_ROLES)('shows a member institution’s issuer profile to anyone, here %s', async (role) => {
    expect((await w.call(role, 'GET', issuerUrl(w.world.cast.lead.key))).statusCode).toBe(200);
  });

  it('gives the Open Badges 3.0 Profile its credentials name as issuer, with its DID document', async () => {
    const { lead } = w.world.cast;
    const issuer = (await w.call('anonymous', 'GET', issuerUrl(lead.key))).json() as Issuer;
    const did = `did:web:orbis.example:institutions:${lead.key}`;
    expect(issuer).toMatchObject({
      id: did,
      type: ['Profile'],
      name: lead.name.en,
      address: { addressCountryCode: 'KE' },
      didUrl: `https://orbis.example/institutions/${lead.key}/did.json`,
      jwksUrl: `https://orbis.example/institutions/${lead.key}/jwks.json`,
    });
    expect(issuer.didDocument?.id).toBe(did);
    expect(issuer.didDocument?.verificationMethod[0]).toMatchObject({
      id: `${did}#key-1`,
      publicKeyMultibase: expect.stringMatching(/^z6Mk/),
    });
  });

  it('gives a null DID document for an institution that has signed nothing yet', async () => {
    const issuer = (await w.call('anonymous', 'GET', issuerUrl(w.world.cast.other.key))).json() as Issuer;
    expect(issuer.didDocument).toBeNull();
    expect(issuer.id).toBe(`did:web:orbis.example:institutions:${w.world.cast.other.key}`);
  });

  it('hides an applicant institution from all but its own people and the secretariat', async () => {
    expect((await w.call('anonymous', 'GET', issuerUrl(applicant.key))).statusCode).toBe(404);
    expect((await w.call('owner', 'GET', issuerUrl(applicant.key))).statusCode).toBe(404);
    expect((await w.call('secretariat', 'GET', issuerUrl(applicant.key))).statusCode).toBe(200);
    expect((await w.call('otherAdmin', 'GET', issuerUrl(applicant.key))).statusCode).toBe(200);
  });

  it('answers 404 for an unknown institution and 400 for a malformed key', async () => {
    expect((await w.call('anonymous', 'GET', issuerUrl('no-such-institution'))).statusCode).toBe(404);
    const malformed = await w.call('anonymous', 'GET', issuerUrl('Not_A_Key'));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ errors: [{ field: 'params.key' }] });
  });
});
