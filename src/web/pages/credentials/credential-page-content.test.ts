import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  getCredential,
  readBakedCredential,
  setCredentialVisibility,
  type StoredCredential,
} from '../../../modules/credentials/index.ts';
import { createCredentialPagesWorld, type CredentialPagesWorld } from './test-world.ts';

let world: CredentialPagesWorld;
let stored: StoredCredential;
let credentialUrl: string;
beforeAll(async () => {
  world = await createCredentialPagesWorld();
  stored = await getCredential(world.world.registrar.ctx, world.holder.uuid);
  credentialUrl = `${world.ctx.config.baseUrl}/credentials/${world.holder.uuid}`;
});
afterAll(() => world?.close());

const page = (uuid: string) => `/credentials/${uuid}`;

describe('a credential’s page', () => {
  it('says what was achieved, by whom, from whom, endorsed by whom, when and with what result', async () => {
    const { body } = await world.get('holder', page(world.holder.uuid));
    expect(body).toContain(`<h1 lang="en">${world.courseTitle}</h1>`);
    expect(body).toContain('Awarded to Amina Okafor by Institution');
    expect(body).toContain(`<dt>Issued by</dt><dd>${world.institutions.issuer.name.en}</dd>`);
    expect(body).toContain(`<dt>Endorsed by</dt><dd>${world.institutions.partner.name.en}</dd>`);
    expect(body).toContain('<time datetime="2024-03-01T10:00:00.000Z">March 1, 2024</time>');
    expect(body).toContain('<dt>Result</dt><dd>100 %</dd>');
    expect(body).toContain('About this achievement');
    const levels = [...body.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
  });

  it('offers the signed downloads and a link to verify it', async () => {
    const { body } = await world.get('holder', page(world.holder.uuid));
    expect(body).toContain(`href="${page(world.holder.uuid)}/certificate.pdf"`);
    expect(body).toContain(`href="${page(world.holder.uuid)}/badge.png"`);
    expect(body).toContain(`href="${page(world.holder.uuid)}/credential.json"`);
    expect(body).toContain(`href="${page(world.holder.uuid)}/credential.jwt"`);
    expect(body).toContain(`href="${world.ctx.config.baseUrl}/verify?credential=${world.holder.uuid}"`);
  });

  it('gives the holder the choice to share it, and share links only once it is public', async () => {
    const privatePage = (await world.get('holder', page(world.holder.uuid))).body;
    expect(privatePage).toContain('name="public" value="true"');
    expect(privatePage).toContain('Make public');
    expect(privatePage).not.toContain('linkedin.com');
    expect(privatePage).not.toContain('Revoke this credential');

    const { person, uuid } = await world.issueCredentialTo('Chen Jing');
    await setCredentialVisibility(person.ctx, uuid, true);
    const ownerCookies = await world.signInAs(person.user.email);
    const shared = await world.ctx.app.inject({ method: 'GET', url: page(uuid), headers: { cookie: ownerCookies } });
    const publicUrl = `${world.ctx.config.baseUrl}/credentials/${uuid}`;
    expect(shared.body).toContain('Make private');
    expect(shared.body).toContain(`id="credential-public-link" type="url" value="${publicUrl}"`);
    expect(shared.body).toContain(`value="${world.ctx.config.baseUrl}/verify?credential=${uuid}"`);
    expect(shared.body).toContain('data-island="copy-text"');
    const linkedIn = new URL(
      /href="(https:\/\/www\.linkedin\.com[^"]+)"/.exec(shared.body)![1]!.replace(/&amp;/g, '&'),
    );
    expect(Object.fromEntries(linkedIn.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: world.courseTitle,
      organizationName: world.institutions.issuer.name.en,
      issueYear: '2024',
      issueMonth: '3',
      certUrl: publicUrl,
      certId: uuid,
    });
    const anonymous = (await world.get('anonymous', page(uuid))).body;
    expect(anonymous).not.toContain('linkedin.com');
    expect(anonymous).not.toContain('Make private');
  });

  it('gives the issuer’s registrar the revoke form and no sharing controls', async () => {
    const { body } = await world.get('registrar', page(world.holder.uuid));
    expect(body).toContain(`action="${page(world.holder.uuid)}/revoke"`);
    expect(body).toContain('name="reason"');
    expect(body).not.toContain('Make public');
  });

  it('is translated, right to left in Arabic', async () => {
    const ar = await world.get('holder', page(world.holder.uuid), { 'accept-language': 'ar' });
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('اجعلها عامة');
    const zh = await world.get('holder', page(world.holder.uuid), { 'accept-language': 'zh-Hans' });
    expect(zh.body).toContain('设为公开');
  });
});

describe('revoking from the page', () => {
  const reason = 'The final exam was taken by someone else.';

  it('asks again for a reason that is too short, keeping it in the field (400)', async () => {
    const response = await world.post('registrar', `${page(world.holder.uuid)}/revoke`, { reason: 'no' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Give the reason for revoking in 3 to 500 characters.');
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toMatch(/<textarea id="revoke-reason"[^>]*>no<\/textarea>/);
    expect((await getCredential(world.world.registrar.ctx, world.holder.uuid)).revokedAt).toBeNull();
  });

  it('shows the revocation with its date to everyone, and its reason only to the holder and the issuer', async () => {
    const { person, uuid } = await world.issueCredentialTo('Dara Ali');
    await setCredentialVisibility(person.ctx, uuid, true);
    expect((await world.post('issuerAdmin', `${page(uuid)}/revoke`, { reason })).statusCode).toBe(303);
    const revokedOn = world.ctx.platform.clock.now();
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(revokedOn);
    const staff = (await world.get('registrar', page(uuid))).body;
    expect(staff).toContain(`The issuing institution revoked it on ${day}.`);
    expect(staff).toContain(`Reason given: ${reason}`);
    expect(staff).not.toContain('name="reason"');
    const holder = await world.ctx.app.inject({
      method: 'GET',
      url: page(uuid),
      headers: { cookie: await world.signInAs(person.user.email) },
    });
    expect(holder.body).toContain(`Reason given: ${reason}`);
    const anonymous = (await world.get('anonymous', page(uuid))).body;
    expect(anonymous).toContain(`The issuing institution revoked it on ${day}.`);
    expect(anonymous).not.toContain(reason);
  });

  it('says so when the credential is already revoked (409)', async () => {
    const { uuid } = await world.issueCredentialTo('Eli Sato');
    expect((await world.post('registrar', `${page(uuid)}/revoke`, { reason })).statusCode).toBe(303);
    const again = await world.post('issuerAdmin', `${page(uuid)}/revoke`, { reason });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This credential has already been revoked.');
  });
});

describe('the credential as JSON at its own address (content negotiation)', () => {
  it.each([
    ['application/json', 'application/json'],
    ['application/ld+json', 'application/ld+json'],
    ['application/vc+ld+json, text/html;q=0.5', 'application/vc+ld+json'],
  ])('answers Accept: %s with the signed credential', async (accept, type) => {
    const response = await world.get('holder', page(world.holder.uuid), { accept });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers.vary).toMatch(/\bAccept\b/);
    const credential = response.json() as { id: string; proof: unknown[] };
    expect(credential.id).toBe(credentialUrl);
    expect(credential).toEqual(stored.document);
  });

  it.each([
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    '*/*',
    'application/json;q=0.5, text/html',
  ])('answers Accept: %s with the page', async (accept) => {
    const response = await world.get('holder', page(world.holder.uuid), { accept });
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers.vary).toMatch(/\bAccept\b/);
  });

  it('keeps the same access rule: a private credential is 404 to others', async () => {
    const response = await world.get('otherLearner', page(world.holder.uuid), { accept: 'application/json' });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('Amina');
  });
});

describe('the downloads', () => {
  it('gives the signed JSON document as an attachment that is never cached', async () => {
    const response = await world.get('holder', `${page(world.holder.uuid)}/credential.json`);
    expect(response.headers['content-type']).toBe('application/vc+ld+json');
    expect(response.headers['content-disposition']).toContain(`orbis-credential-${world.holder.uuid}.json`);
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual(stored.document);
  });

  it('gives the VC-JWT as an attachment whose claims name the credential', async () => {
    const response = await world.get('holder', `${page(world.holder.uuid)}/credential.jwt`);
    expect(response.headers['content-type']).toBe('application/vc+jwt');
    expect(response.headers['content-disposition']).toContain(`orbis-credential-${world.holder.uuid}.jwt`);
    expect(response.body).toBe(stored.jwt);
    expect(decodeJwt(response.body).jti).toBe(credentialUrl);
  });
});

describe('the printable certificate and the badge image', () => {
  it('prints the certificate as a PDF attachment in the reader’s language', async () => {
    for (const language of ['en', 'ar', 'zh-Hans']) {
      const response = await world.get('holder', `${page(world.holder.uuid)}/certificate.pdf`, {
        'accept-language': language,
      });
      expect(response.statusCode, language).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toContain(`orbis-certificate-${world.holder.uuid}.pdf`);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(response.rawPayload.toString('latin1')).toContain(`/Lang (${language})`);
    }
  });

  it('draws the badge as a PNG with the signed credential baked in', async () => {
    const response = await world.get('holder', `${page(world.holder.uuid)}/badge.png`);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-disposition']).toContain(`orbis-badge-${world.holder.uuid}.png`);
    const baked = readBakedCredential(response.rawPayload);
    expect(JSON.parse(baked!)).toEqual(stored.document);
  });
});
