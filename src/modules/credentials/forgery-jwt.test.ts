/** C1 forgery suite, VC-JWT half: each forged token is refused for its own reason. */
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPublicJwk, exportPublicKeyBytes } from './keys.ts';
import { encodeBase64url } from './multibase.ts';
import {
  attacker,
  compromised,
  ed25519,
  expectRefused,
  genuine,
  issuerA,
  issuerB,
  jwtHeader,
  jwtPayload,
  prepareGenuine,
  signRaw,
  VALID_FROM,
  type ForgeryCase,
  type Json,
} from './test-forgery-support.ts';
import { buildTestCredential, createTestResolver, TEST_NOW } from './test-support.ts';
import { verifyCredentialJwt } from './vc-jwt.ts';

beforeAll(prepareGenuine);

const cases: ForgeryCase[] = [
  {
    name: 'JWT alg none',
    expected: 'alg_not_allowed',
    jwt: () =>
      `${encodeBase64url(Buffer.from(JSON.stringify(jwtHeader({ alg: 'none' }))))}.${genuine.jwt.split('.')[1]}.`,
  },
  {
    name: 'JWT HS256 with the public key as the secret',
    expected: 'alg_not_allowed',
    jwt: () =>
      signRaw(jwtHeader({ alg: 'HS256' }), jwtPayload(), (data) =>
        createHmac('sha256', exportPublicKeyBytes(issuerA.keyPairs[0]!.publicKey)).update(data).digest(),
      ),
  },
  {
    name: 'JWT RS256 by the forger',
    expected: 'alg_not_allowed',
    jwt: () =>
      signRaw(jwtHeader({ alg: 'RS256' }), jwtPayload(), (data) =>
        sign('sha256', data, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
      ),
  },
  {
    name: 'JWT ES256 by the forger',
    expected: 'alg_not_allowed',
    jwt: () =>
      signRaw(jwtHeader({ alg: 'ES256' }), jwtPayload(), (data) =>
        sign('sha256', data, {
          key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
          dsaEncoding: 'ieee-p1363',
        }),
      ),
  },
  {
    name: 'JWT with the forger key inline (jwk)',
    expected: 'inline_key_refused',
    jwt: () =>
      signRaw({ alg: 'EdDSA', jwk: exportPublicJwk(attacker.publicKey) }, jwtPayload(), ed25519(attacker.privateKey)),
  },
  {
    name: 'JWT pointing to the forger key set (jku)',
    expected: 'inline_key_refused',
    jwt: () =>
      signRaw(jwtHeader({ jku: 'https://evil.example/jwks.json' }), jwtPayload(), ed25519(attacker.privateKey)),
  },
  {
    name: 'JWT with a certificate chain (x5c)',
    expected: 'inline_key_refused',
    jwt: () => signRaw(jwtHeader({ x5c: ['MIIB'] }), jwtPayload(), ed25519(attacker.privateKey)),
  },
  {
    name: 'JWT iss differs from issuer.id',
    expected: 'iss_mismatch',
    jwt: () =>
      signRaw(
        jwtHeader(),
        jwtPayload({}, buildTestCredential(issuerA, { issuer: { id: issuerB.did, name: 'B' } })),
        ed25519(issuerA.keyPairs[0]!.privateKey),
      ),
  },
  {
    name: 'JWT sub differs',
    expected: 'sub_mismatch',
    jwt: () =>
      signRaw(jwtHeader(), jwtPayload({ sub: 'did:example:mallory' }), ed25519(issuerA.keyPairs[0]!.privateKey)),
  },
  {
    name: 'JWT jti differs',
    expected: 'jti_mismatch',
    jwt: () => signRaw(jwtHeader(), jwtPayload({ jti: 'urn:uuid:other' }), ed25519(issuerA.keyPairs[0]!.privateKey)),
  },
  {
    name: 'JWT nbf differs',
    expected: 'nbf_mismatch',
    jwt: () => signRaw(jwtHeader(), jwtPayload({ nbf: VALID_FROM - 86_400 }), ed25519(issuerA.keyPairs[0]!.privateKey)),
  },
  {
    name: 'JWT exp later than validUntil',
    expected: 'exp_mismatch',
    jwt: () =>
      signRaw(
        jwtHeader(),
        jwtPayload(
          { exp: Date.parse('2099-01-01T00:00:00Z') / 1000 },
          buildTestCredential(issuerA, { validUntil: new Date('2027-01-01T00:00:00Z') }),
        ),
        ed25519(issuerA.keyPairs[0]!.privateKey),
      ),
  },
  {
    name: 'JWT kid of another institution',
    expected: 'issuer_mismatch',
    jwt: () =>
      signRaw(jwtHeader({ kid: `${issuerB.did}#key-1` }), jwtPayload(), ed25519(issuerB.keyPairs[0]!.privateKey)),
  },
  {
    name: 'JWT kid not in the DID document',
    expected: 'unknown_verification_method',
    jwt: () => signRaw(jwtHeader({ kid: `${issuerA.did}#key-9` }), jwtPayload(), ed25519(attacker.privateKey)),
  },
  {
    name: 'JWT payload edited after signing',
    expected: 'invalid_signature',
    jwt: () => {
      const [header, payload, signature] = genuine.jwt.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json;
      (claims.credentialSubject as Json).id = 'did:example:mallory';
      return `${header}.${encodeBase64url(Buffer.from(JSON.stringify(claims)))}.${signature}`;
    },
  },
  {
    name: 'JWT signed after its key was marked compromised',
    expected: 'key_revoked',
    documents: () => [compromised(issuerA, '2026-05-04T09:00:00Z')],
    jwt: () => genuine.jwt,
  },
  {
    name: 'JWT expired',
    expected: 'expired',
    now: new Date('2026-07-01T00:00:00Z'),
    jwt: () =>
      signRaw(
        jwtHeader(),
        jwtPayload(
          { exp: Date.parse('2026-06-01T00:00:00Z') / 1000 },
          buildTestCredential(issuerA, { validUntil: new Date('2026-06-01T00:00:00Z') }),
        ),
        ed25519(issuerA.keyPairs[0]!.privateKey),
      ),
  },
  {
    name: 'JWT with a critical extension',
    expected: 'malformed_jwt',
    jwt: () =>
      signRaw(jwtHeader({ crit: ['b64'], b64: false }), jwtPayload(), ed25519(issuerA.keyPairs[0]!.privateKey)),
  },
];

describe('VC-JWT forgeries', () => {
  it('the table has at least 15 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('refuses: $name ($expected)', expectRefused);

  it('accepts the genuine JWT and a faithful re-signing of it', async () => {
    const resolveKey = createTestResolver(issuerA.document, issuerB.document);
    expect(await verifyCredentialJwt(genuine.jwt, { resolveKey, now: TEST_NOW })).toMatchObject({ ok: true });
    const resigned = signRaw(jwtHeader(), jwtPayload(), ed25519(issuerA.keyPairs[0]!.privateKey));
    expect(await verifyCredentialJwt(resigned, { resolveKey, now: TEST_NOW })).toMatchObject({ ok: true });
  });
});
