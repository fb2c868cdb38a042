import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCredential, setCredentialVisibility, type StoredCredential } from '../../../modules/credentials/index.ts';
import { createTestApp } from '../../../../test/support/app.ts';
import { createCredentialPagesWorld, ROLES, type CredentialPagesWorld, type Role } from './test-world.ts';

let world: CredentialPagesWorld;
let stored: StoredCredential;
beforeAll(async () => {
  world = await createCredentialPagesWorld();
  stored = await getCredential(world.world.registrar.ctx, world.holder.uuid);
});
afterAll(() => world?.close());

let address = 0;
/** Each post comes from its own address, so the per-address rate limit never interferes. */
function postVerify(role: Role, payload: string, headers: Record<string, string> = {}) {
  address += 1;
  return world.ctx.app.inject({
    method: 'POST',
    url: '/verify',
    remoteAddress: `198.51.100.${address % 250}`,
    headers: {
      ...(role === 'anonymous' ? {} : { cookie: world.visitors[role].cookies }),
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    payload,
  });
}
const form = (credential: string) => new URLSearchParams({ credential }).toString();

function verdictOf(body: string): string | undefined {
  return /data-verdict="([a-z_]+)"/.exec(body)?.[1];
}
function outcomesOf(body: string): Record<string, string> {
  return Object.fromEntries([...body.matchAll(/data-step="(\w+)" data-outcome="(\w+)"/g)].map((m) => [m[1], m[2]]));
}

describe('who may verify (verify)', () => {
  it.each(ROLES)('shows %s the verification form', async (role) => {
    const response = await world.get(role, '/verify');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<form method="post" action="/verify"');
    expect(response.body).toContain('<textarea id="verify-credential" name="credential"');
  });

  it.each(ROLES)('verifies a pasted credential for %s', async (role) => {
    const response = await postVerify(role, form(stored.jwt));
    expect(response.statusCode).toBe(200);
    expect(verdictOf(response.body)).toBe('verified');
  });
});

describe('verifying a pasted credential', () => {
  it('verifies the VC-JWT, passing every step, and shows what the credential states', async () => {
    const { body } = await postVerify('anonymous', form(stored.jwt));
    expect(verdictOf(body)).toBe('verified');
    expect(outcomesOf(body)).toEqual({
      format: 'passed',
      shape: 'passed',
      proof: 'passed',
      dates: 'passed',
      status: 'passed',
      type: 'passed',
    });
    expect(body).toContain('<dd dir="auto">Amina Okafor</dd>');
    expect(body).toContain(`<dd dir="auto">${world.courseTitle}</dd>`);
    expect(body).toContain(`<code>${world.ctx.config.baseUrl}/credentials/${world.holder.uuid}</code>`);
  });

  it('verifies the JSON document with its embedded proof', async () => {
    const { body } = await postVerify('anonymous', form(JSON.stringify(stored.document)));
    expect(verdictOf(body)).toBe('verified');
    expect(body).toContain('A JSON credential with an embedded proof.');
  });

  it('refuses a credential whose learner was changed: the proof fails and later steps are skipped', async () => {
    const forged = structuredClone(stored.document) as {
      credentialSubject: { identifier: Array<{ identityHash: string }> };
    };
    forged.credentialSubject.identifier[0]!.identityHash = 'Mallory Impostor';
    const { body } = await postVerify('anonymous', form(JSON.stringify(forged)));
    expect(verdictOf(body)).toBe('invalid');
    expect(outcomesOf(body)).toMatchObject({ format: 'passed', proof: 'failed', status: 'skipped', type: 'skipped' });
    expect(body).toContain('Not verified');
  });

  it('says when the text is neither JSON nor a JWT', async () => {
    const { statusCode, body } = await postVerify('anonymous', form('certainly not a credential'));
    expect(statusCode).toBe(200);
    expect(verdictOf(body)).toBe('invalid');
    expect(outcomesOf(body)).toMatchObject({ format: 'failed', shape: 'skipped' });
  });

  it('reports a revoked credential as revoked', async () => {
    const { uuid } = await world.issueCredentialTo('Gita Rao');
    const revoked = await getCredential(world.world.registrar.ctx, uuid);
    await world.post('registrar', `/credentials/${uuid}/revoke`, { reason: 'Issued to the wrong person.' });
    const { body } = await postVerify('anonymous', form(revoked.jwt));
    expect(verdictOf(body)).toBe('revoked');
    expect(outcomesOf(body)).toMatchObject({ proof: 'passed', status: 'failed' });
  });

  it('asks for a credential when nothing was pasted (400)', async () => {
    for (const payload of ['', form('   ')]) {
      const response = await postVerify('anonymous', payload);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Paste a credential (JSON or JWT) to verify.');
      expect(response.body).toContain('aria-invalid="true"');
    }
  });

  it('refuses text over 256 KB with a readable message (413)', async () => {
    const response = await postVerify('anonymous', form(`{"padding":"${'x'.repeat(256 * 1024)}"}`));
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('This is larger than 256 KB');
  });

  it('refuses a body larger than any credential or badge before reading it (413)', async () => {
    const response = await postVerify('anonymous', form('x'.repeat(2.2 * 1024 * 1024)));
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('This is larger than 256 KB');
  });

  it('shows the verdict and the checks in Arabic, right to left', async () => {
    const { body } = await postVerify('anonymous', form(stored.jwt), { 'accept-language': 'ar' });
    expect(body).toContain('dir="rtl"');
    expect(body).toContain('تم التحقق');
    expect(body).toContain('التوقيع');
  });
});

const BOUNDARY = 'orbis-verify-boundary';
function multipart(file: { bytes: Buffer; filename: string } | null): Buffer {
  const head = file
    ? `Content-Disposition: form-data; name="badge"; filename="${file.filename}"\r\nContent-Type: image/png\r\n`
    : 'Content-Disposition: form-data; name="badge"; filename=""\r\nContent-Type: application/octet-stream\r\n';
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\n${head}\r\n`),
    file?.bytes ?? Buffer.alloc(0),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}
function postBadge(payload: Buffer | Readable) {
  return postVerify('anonymous', payload as unknown as string, {
    'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
  });
}

describe('verifying an uploaded badge image', () => {
  it('offers the upload as a multipart form', async () => {
    const { body } = await world.get('anonymous', '/verify');
    expect(body).toContain('enctype="multipart/form-data"');
    expect(body).toContain('<input id="verify-badge" name="badge" type="file" accept="image/png"');
  });

  it('verifies the credential baked into a badge from its page', async () => {
    const badge = (await world.get('holder', `/credentials/${world.holder.uuid}/badge.png`)).rawPayload;
    const response = await postBadge(multipart({ bytes: badge, filename: 'badge.png' }));
    expect(response.statusCode).toBe(200);
    expect(verdictOf(response.body)).toBe('verified');
    expect(response.body).toContain('<dd dir="auto">Amina Okafor</dd>');
  });

  it.each([
    ['no file was chosen', null, 'Choose a badge image (PNG) to verify.'],
    [
      'the file is not a PNG',
      { bytes: Buffer.from('GIF89a not a png'), filename: 'x.gif' },
      'This file is not a PNG image',
    ],
  ])('asks again when %s (400)', async (_label, file, message) => {
    const response = await postBadge(multipart(file));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(message);
    expect(response.body).toMatch(/<input id="verify-badge"[^>]*aria-invalid="true"/);
  });

  it('says when a PNG carries no credential (400)', async () => {
    const plain = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0b5563' } })
      .png()
      .toBuffer();
    const response = await postBadge(multipart({ bytes: plain, filename: 'plain.png' }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This image carries no Open Badges credential.');
  });

  it('refuses an image over 2 MB (413)', async () => {
    const response = await postBadge(multipart({ bytes: Buffer.alloc(2 * 1024 * 1024 + 100, 1), filename: 'big.png' }));
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('This image is larger than 2 MB');
  });

  it('refuses an upload far over the limit (413)', async () => {
    const response = await postBadge(multipart({ bytes: Buffer.alloc(3 * 1024 * 1024, 1), filename: 'huge.png' }));
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('This image is larger than 2 MB');
  });

  it('refuses an upload that does not say its length before reading it (411)', async () => {
    const response = await postBadge(Readable.from([multipart({ bytes: Buffer.from('x'), filename: 'x.png' })]));
    expect(response.statusCode).toBe(411);
    expect(response.body).toContain('The upload did not say how large it is');
  });
});

describe('verifying one of ours by its id (verify?credential=)', () => {
  const verifyLink = (uuid: string) => `/verify?credential=${uuid}`;

  it('shows the holder the verdict and a summary only, with a link to the full page', async () => {
    const { statusCode, body } = await world.get('holder', verifyLink(world.holder.uuid));
    expect(statusCode).toBe(200);
    expect(verdictOf(body)).toBe('verified');
    expect(body).toContain('<dd dir="auto">Amina Okafor</dd>');
    expect(body).toContain(`<dd dir="auto">${world.institutions.issuer.name.en}</dd>`);
    expect(body).toContain('<dd dir="auto">March 1, 2024</dd>');
    expect(body).not.toContain('Credential identifier');
    expect(body).not.toContain('<dt>Result</dt>');
    expect(body).toContain(`href="/credentials/${world.holder.uuid}"`);
  });

  it('verifies a public credential for anyone', async () => {
    const { person, uuid } = await world.issueCredentialTo('Hana Sato');
    await setCredentialVisibility(person.ctx, uuid, true);
    const { statusCode, body } = await world.get('anonymous', verifyLink(uuid));
    expect(statusCode).toBe(200);
    expect(verdictOf(body)).toBe('verified');
    expect(body).toContain('Hana Sato');
  });

  it('shows anyone with the printed link the verdict of a private credential, but no link to its page', async () => {
    for (const role of ['anonymous', 'otherLearner', 'partnerAdmin'] as const) {
      const { statusCode, body } = await world.get(role, verifyLink(world.holder.uuid));
      expect(statusCode).toBe(200);
      expect(verdictOf(body)).toBe('verified');
      expect(body).toContain('<dd dir="auto">Amina Okafor</dd>');
      expect(body).not.toContain(`href="/credentials/${world.holder.uuid}"`);
      expect(body).not.toContain('<dt>Result</dt>');
    }
  });

  it('says no credential has an id that is unknown (404)', async () => {
    const { statusCode, body } = await world.get('anonymous', verifyLink('00000000-0000-4000-8000-000000000000'));
    expect(statusCode).toBe(404);
    expect(body).toContain('No credential has this identifier.');
  });

  it('says a malformed id is not a credential link (400)', async () => {
    const { statusCode, body } = await world.get('anonymous', verifyLink('12345'));
    expect(statusCode).toBe(400);
    expect(body).toContain('This link does not name a credential.');
  });
});

describe('the rate limit on verification', () => {
  it('refuses a 31st post within a minute from one address (429), when rate limits are on', async () => {
    const limited = await createTestApp({ config: { ORBIS_RATE_LIMIT: 'true' } });
    try {
      const post = () =>
        limited.app.inject({
          method: 'POST',
          url: '/verify',
          remoteAddress: '203.0.113.7',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'credential=',
        });
      for (let index = 0; index < 30; index += 1) expect((await post()).statusCode).toBe(400);
      const refused = await post();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});
