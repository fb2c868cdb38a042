import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCredential, setCredentialVisibility } from '../../../modules/credentials/index.ts';
import { createCredentialPagesWorld, ROLES, type CredentialPagesWorld, type Role } from './test-world.ts';

let world: CredentialPagesWorld;
let publicUuid: string;
beforeAll(async () => {
  world = await createCredentialPagesWorld();
  const shared = await world.issueCredentialTo('Bao Chen');
  await setCredentialVisibility(shared.person.ctx, shared.uuid, true);
  publicUuid = shared.uuid;
});
afterAll(() => world?.close());

const MINE = '/account/credentials';
const page = (uuid: string) => `/credentials/${uuid}`;
/** Those who see a private credential: its learner and the awarding institution's admins and registrars. */
const SEES_PRIVATE: Role[] = ['holder', 'registrar', 'issuerAdmin'];
const REVOKERS: Role[] = ['registrar', 'issuerAdmin'];
const OUTSIDERS = ROLES.filter((role) => !SEES_PRIVATE.includes(role));

/** Read as the issuer's registrar, who sees every credential of the institution. */
async function isRevoked(uuid: string): Promise<boolean> {
  return (await getCredential(world.world.registrar.ctx, uuid)).revokedAt !== null;
}

describe('who may open a private credential (credentials/:uuid, credential.json, credential.jwt)', () => {
  const urls = (uuid: string) => [page(uuid), `${page(uuid)}/credential.json`, `${page(uuid)}/credential.jwt`];

  it.each(SEES_PRIVATE)('shows it and its downloads to %s', async (role) => {
    for (const url of urls(world.holder.uuid)) expect((await world.get(role, url)).statusCode, url).toBe(200);
  });

  it.each(OUTSIDERS)('answers %s 404, as if it did not exist', async (role) => {
    for (const url of urls(world.holder.uuid)) {
      const response = await world.get(role, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('Amina Okafor');
    }
  });

  it.each(ROLES)('shows a public credential and its downloads to %s', async (role) => {
    for (const url of urls(publicUuid)) expect((await world.get(role, url)).statusCode, url).toBe(200);
  });

  it('answers 404 for an id that is not a UUID or names no credential', async () => {
    for (const url of [
      page('not-a-uuid'),
      page('00000000-0000-4000-8000-000000000000'),
      `${page('x')}/credential.json`,
    ])
      expect((await world.get('holder', url)).statusCode, url).toBe(404);
  });
});

describe('who may download the printable certificate and the badge (certificate.pdf, badge.png)', () => {
  const renders = (uuid: string) => [`${page(uuid)}/certificate.pdf`, `${page(uuid)}/badge.png`];

  it.each(SEES_PRIVATE)('draws them for %s from a private credential', async (role) => {
    for (const url of renders(world.holder.uuid)) expect((await world.get(role, url)).statusCode, url).toBe(200);
  });

  it.each(OUTSIDERS)('answers %s 404 for a private credential', async (role) => {
    for (const url of renders(world.holder.uuid)) expect((await world.get(role, url)).statusCode, url).toBe(404);
  });

  it.each(ROLES)('draws them for %s from a public credential', async (role) => {
    for (const url of renders(publicUuid)) expect((await world.get(role, url)).statusCode, url).toBe(200);
  });
});

describe('who may open my credentials (account/credentials)', () => {
  it('sends anonymous visitors to sign in and back', async () => {
    const response = await world.get('anonymous', MINE);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(MINE)}`);
  });

  it.each(ROLES.filter((role) => role !== 'anonymous'))('shows %s only their own credentials', async (role) => {
    const response = await world.get(role, MINE);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const ownsOne = role === 'holder';
    expect(response.body.includes(page(world.holder.uuid))).toBe(ownsOne);
    expect(response.body).not.toContain(page(publicUuid));
    expect(response.body.includes('No credentials yet')).toBe(!ownsOne);
  });
});

describe('the my credentials page', () => {
  it('lists each credential with its title, issuer, date, status and visibility, linked to its page', async () => {
    const { body } = await world.get('holder', MINE);
    const row = body.slice(body.indexOf('<tbody>'), body.indexOf('</tbody>'));
    expect(row).toContain(`href="${page(world.holder.uuid)}"`);
    expect(row).toContain(world.courseTitle);
    expect(row).toContain(world.institutions.issuer.name.en);
    expect(row).toContain('March 1, 2024');
    expect(row).toContain('Valid');
    expect(row).toContain('Only you');
  });

  it('points someone without credentials to the catalog', async () => {
    const { body } = await world.get('otherLearner', MINE);
    expect(body).toContain('No credentials yet');
    expect(body).toContain('href="/courses"');
    expect(body).not.toContain('<table');
  });

  it('is translated, right to left in Arabic', async () => {
    const ar = await world.get('holder', MINE, { 'accept-language': 'ar' });
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('<h1>شهاداتي</h1>');
    expect(ar.body).toContain('أنت فقط');
    const zh = await world.get('holder', MINE, { 'accept-language': 'zh-Hans' });
    expect(zh.body).toContain('<h1>我的证书</h1>');
  });
});

describe('who may change who sees a credential (visibility)', () => {
  const visibility = (uuid: string) => `${page(uuid)}/visibility`;

  it('sends anonymous visitors to sign in', async () => {
    const response = await world.post('anonymous', visibility(world.holder.uuid), { public: 'true' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/sign-in/);
  });

  it('lets the holder make it public and private again, each time back on its page with a notice', async () => {
    const uuid = world.holder.uuid;
    const shared = await world.post('holder', visibility(uuid), { public: 'true' });
    expect(shared.statusCode).toBe(303);
    expect(shared.headers.location).toBe(`${page(uuid)}?notice=public`);
    expect((await world.get('anonymous', page(uuid))).statusCode).toBe(200);
    const hidden = await world.post('holder', visibility(uuid), { public: 'false' });
    expect(hidden.headers.location).toBe(`${page(uuid)}?notice=private`);
    expect((await world.get('anonymous', page(uuid))).statusCode).toBe(404);
  });

  it.each(REVOKERS)('refuses %s, who sees it but does not own it (403)', async (role) => {
    const response = await world.post(role, visibility(world.holder.uuid), { public: 'true' });
    expect(response.statusCode).toBe(403);
    expect((await world.get('anonymous', page(world.holder.uuid))).statusCode).toBe(404);
  });

  it.each(OUTSIDERS.filter((role) => role !== 'anonymous'))('answers %s 404', async (role) => {
    const response = await world.post(role, visibility(world.holder.uuid), { public: 'true' });
    expect(response.statusCode).toBe(404);
    expect((await world.get('anonymous', page(world.holder.uuid))).statusCode).toBe(404);
  });

  it('refuses a form without its CSRF token', async () => {
    const response = await world.ctx.app.inject({
      method: 'POST',
      url: visibility(world.holder.uuid),
      headers: { cookie: world.visitors.holder.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'public=true',
    });
    expect(response.statusCode).toBe(403);
  });

  it('re-renders the page with a message for a value other than true or false (400)', async () => {
    const response = await world.post('holder', visibility(world.holder.uuid), { public: 'maybe' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose whether the credential is public or private.');
  });
});

describe('who may revoke a credential (revoke)', () => {
  const revoke = (uuid: string) => `${page(uuid)}/revoke`;
  const reason = { reason: 'Academic misconduct found after the exam.' };

  it('sends anonymous visitors to sign in', async () => {
    const response = await world.post('anonymous', revoke(world.holder.uuid), reason);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/sign-in/);
  });

  it.each(REVOKERS)('lets %s revoke, back on the page with a notice', async (role) => {
    const { uuid } = await world.issueCredentialTo(`Revoked by ${role}`);
    const response = await world.post(role, revoke(uuid), reason);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${page(uuid)}?notice=revoked`);
    expect(await isRevoked(uuid)).toBe(true);
    const { body } = await world.get(role, response.headers.location as string);
    expect(body).toContain('The credential has been revoked.');
    expect(body).toContain('This credential has been revoked');
  });

  it('refuses the holder, who sees it but is not the issuer (403)', async () => {
    expect((await world.post('holder', revoke(world.holder.uuid), reason)).statusCode).toBe(403);
    expect(await isRevoked(world.holder.uuid)).toBe(false);
  });

  it.each(OUTSIDERS.filter((role) => role !== 'anonymous'))('answers %s 404', async (role) => {
    expect((await world.post(role, revoke(world.holder.uuid), reason)).statusCode).toBe(404);
    expect(await isRevoked(world.holder.uuid)).toBe(false);
  });
});
