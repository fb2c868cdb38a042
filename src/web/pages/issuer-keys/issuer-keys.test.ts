import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import { formatUtcDateTime } from './compromise-input.ts';
import { createIssuerKeysWorld, ROLES, type IssuerKeysWorld, type Role } from './test-world.ts';

let world: IssuerKeysWorld;
beforeAll(async () => {
  world = await createIssuerKeysWorld();
});
afterAll(() => world?.close());

const keys = (key: string) => `/institutions/${key}/keys`;
const rotate = (key: string) => `/institutions/${key}/keys/rotate`;
const compromised = (key: string, number: number | string) => `/institutions/${key}/keys/${number}/compromised`;
const REASON = { reason: 'A laptop holding the key was stolen.' };
const HOUR = 60 * 60 * 1000;

/** Only the institution's own admins; the secretariat and registrars are refused like anyone else. */
const adminsOnly = (yes: number): Record<Role, number> => ({
  anonymous: 303,
  learner: 403,
  instructor: 403,
  registrar: 403,
  admin: yes,
  otherAdmin: 403,
  secretariat: 403,
});

/** Long identifiers carry break opportunities; the text a reader copies has none. */
const withoutBreaks = (html: string) => html.replaceAll('<wbr/>', '');

const everyone = (status: number) => Object.fromEntries(ROLES.map((role) => [role, status])) as Record<Role, number>;

async function answersFor(send: (role: Role) => Promise<{ statusCode: number; headers: Record<string, unknown> }>) {
  const actual = {} as Record<Role, number>;
  for (const role of ROLES) {
    const response = await send(role);
    actual[role] = response.statusCode;
    if (role === 'anonymous') expect(response.headers.location).toMatch(/^\/sign-in\?next=%2Finstitutions%2F/);
  }
  return actual;
}

describe('who may use the signing key pages (keys, keys/rotate, keys/:number/compromised)', () => {
  it('shows the keys page to the institution’s admins only', async () => {
    expect(await answersFor((role) => world.get(role, keys('alpha')))).toEqual(adminsOnly(200));
  });

  it('links the keys page from the institution’s manage page for its admins, not the secretariat', async () => {
    const admin = await world.get('admin', '/institutions/alpha/manage');
    expect(admin.body).toContain('href="/institutions/alpha/keys"');
    const secretariat = await world.get('secretariat', '/institutions/alpha/manage');
    expect(secretariat.statusCode).toBe(200);
    expect(secretariat.body).not.toContain('href="/institutions/alpha/keys"');
  });

  it('sends anonymous visitors to sign in and back to the keys page', async () => {
    const response = await world.get('anonymous', keys('alpha'));
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(keys('alpha'))}`);
  });

  it('lets only the admins rotate: one new key, whoever else tried', async () => {
    const before = (await world.readPublishedKeys('alpha')).length;
    expect(await answersFor((role) => world.post(role, rotate('alpha')))).toEqual(adminsOnly(303));
    expect(await world.readPublishedKeys('alpha')).toHaveLength(before + 1);
  });

  it('lets only the admins mark a key compromised', async () => {
    await world.post('admin', rotate('alpha'));
    const published = await world.readPublishedKeys('alpha');
    const number = published.length;
    expect(await answersFor((role) => world.post(role, compromised('alpha', number), REASON))).toEqual(adminsOnly(303));
    const revoked = (await world.readPublishedKeys('alpha')).filter((key) => key.revoked);
    expect(revoked.map((key) => key.id)).toEqual([published[number - 1]!.id]);
  });

  it('answers 404 for an institution that does not exist, to everyone signed in', async () => {
    const expected: Record<Role, number> = { ...everyone(404), anonymous: 303 };
    expect(await answersFor((role) => world.get(role, keys('no-such-place')))).toEqual(expected);
  });

  it('hides an unlisted institution’s keys from outsiders (404) and still refuses the secretariat (403)', async () => {
    const expected: Record<Role, number> = { ...everyone(404), anonymous: 303, secretariat: 403 };
    expect(await answersFor((role) => world.get(role, keys('gamma-applicant')))).toEqual(expected);
    expect(await answersFor((role) => world.post(role, rotate('gamma-applicant')))).toEqual(expected);
  });

  it('refuses a rotation or a report without its CSRF token, changing nothing', async () => {
    const before = await world.readPublishedKeys('alpha');
    const rotation = await world.post('admin', rotate('alpha'), {}, { csrf: false });
    expect(rotation.statusCode).toBe(403);
    const report = await world.post('admin', compromised('alpha', before.length), REASON, { csrf: false });
    expect(report.statusCode).toBe(403);
    expect(await world.readPublishedKeys('alpha')).toEqual(before);
  });
});

describe('the keys page of an institution without a key yet', () => {
  it('shows the DID, the published documents and an empty list with a button that creates key 1', async () => {
    const { statusCode, body } = await world.get('admin', keys('epsilon'));
    expect(statusCode).toBe(200);
    expect(body).toContain('<h1>Signing keys of Epsilon University</h1>');
    expect(withoutBreaks(body)).toContain('<code dir="ltr">did:web:localhost%3A3000:institutions:epsilon</code>');
    expect(body).toContain('href="/institutions/epsilon/did.json"');
    expect(body).toContain('href="/institutions/epsilon/jwks.json"');
    expect(body).toContain('They are published once the institution has its first key.');
    expect(body).toContain('No key yet.');
    expect(body).not.toContain('<table');
    expect(body).toContain('Create key 1');
    expect(body).toContain('There is no key to report.');
    expect(body).toContain('href="/institutions/epsilon/manage"');
  });

  it('explains in plain words what rotating and reporting a compromised key do', async () => {
    const { body } = await world.get('admin', keys('epsilon'));
    expect(body).toContain('stays published, so the credentials it signed keep verifying');
    expect(body).toContain('Every credential it signed from that time on then fails verification');
  });
});

describe('rotating the signing key', () => {
  it('creates key 1 for an institution without a key, back on the page with a notice', async () => {
    const response = await world.post('admin', rotate('zeta'));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${keys('zeta')}?notice=rotated`);
    const { body } = await world.get('admin', response.headers.location as string);
    expect(body).toContain('A new key is now active.');
    expect(body).toMatch(/<th scope="row">Key 1<\/th>\s*<td>Active: signs new credentials<\/td>/);
    expect(body).toContain('Retire key 1 and create key 2');
    expect((await world.readPublishedKeys('zeta')).map((key) => key.id)).toEqual([
      'did:web:localhost%3A3000:institutions:zeta#key-1',
    ]);
  });

  it('creates the next key and keeps the old one listed, retired and still published', async () => {
    await world.post('admin', rotate('zeta'));
    const { body } = await world.get('admin', keys('zeta'));
    expect(body).toMatch(/<th scope="row">Key 1<\/th>\s*<td>Retired on [^<]+UTC<\/td>/);
    expect(body).toMatch(/<th scope="row">Key 2<\/th>\s*<td>Active: signs new credentials<\/td>/);
    expect(body).toContain('Retire key 2 and create key 3');
    expect(withoutBreaks(body)).toContain('<code dir="ltr">did:web:localhost%3A3000:institutions:zeta#key-2</code>');
    const published = await world.readPublishedKeys('zeta');
    expect(published.map((key) => key.id.split('#')[1])).toEqual(['key-1', 'key-2']);
    expect(published.every((key) => key.revoked === undefined)).toBe(true);
  });

  it('shows each public key shortened, with the full value in a disclosure', async () => {
    const { body } = await world.get('admin', keys('zeta'));
    const full = [...body.matchAll(/<details><summary><code dir="ltr">([^<]+)<\/code>/g)].map((match) => match[1]!);
    expect(full).toHaveLength(2);
    for (const short of full) {
      expect(short).toMatch(/^z6Mk.{8}….{6}$/);
      const [head, tail] = short.split('…') as [string, string];
      expect(withoutBreaks(body)).toMatch(new RegExp(`<code dir="ltr">${head}[1-9A-HJ-NP-Za-km-z]{30,}${tail}</code>`));
    }
  });

  it('is translated: Arabic right to left, Chinese', async () => {
    const ar = await world.get('admin', keys('zeta'), { 'accept-language': 'ar' });
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('<h1>مفاتيح التوقيع لدى جامعة zeta</h1>');
    expect(ar.body).toContain('إيقاف المفتاح 2 وإنشاء المفتاح 3');
    const zh = await world.get('admin', keys('zeta'), { 'accept-language': 'zh-Hans' });
    expect(zh.body).toContain('停用密钥 2 并创建密钥 3');
  });
});

describe('marking a key compromised', () => {
  beforeAll(async () => {
    // delta: key 1 retired, key 2 active.
    await world.post('admin', rotate('delta'));
    await world.post('admin', rotate('delta'));
  });

  async function expectNothingRevoked() {
    expect((await world.readPublishedKeys('delta')).filter((key) => key.revoked)).toEqual([]);
  }

  it('re-renders the page with the form open and the reason marked when the reason is empty (400)', async () => {
    const response = await world.post('admin', compromised('delta', 2), { reason: '   ', from: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<details open><summary>Mark key 2 as compromised</summary>');
    expect(response.body).toContain('role="alert"');
    expect(response.body).toContain('href="#compromise-reason-2">Give a reason of 1 to 500 characters.</a>');
    expect(response.body).toMatch(/id="compromise-reason-2"[^>]*aria-invalid="true"/);
    await expectNothingRevoked();
  });

  it('refuses a reason longer than 500 characters (400)', async () => {
    const response = await world.post('admin', compromised('delta', 2), { reason: 'x'.repeat(501) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Give a reason of 1 to 500 characters.');
    await expectNothingRevoked();
  });

  it('refuses a time in the future and keeps what was typed (400)', async () => {
    const tomorrow = formatUtcDateTime(new Date(world.now().getTime() + 24 * HOUR));
    const response = await world.post('admin', compromised('delta', 2), { ...REASON, from: tomorrow });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The time a key was compromised cannot be in the future.');
    expect(response.body).toMatch(/id="compromise-from-2"[^>]*value="[^"]+"[^>]*aria-invalid="true"/);
    expect(response.body).toContain(`value="${tomorrow}"`);
    expect(response.body).toContain('A laptop holding the key was stolen.');
    await expectNothingRevoked();
  });

  it('refuses a time that is not one (400)', async () => {
    for (const from of ['yesterday', '2024-02-30T10:00', '2024-01-01']) {
      const response = await world.post('admin', compromised('delta', 2), { ...REASON, from });
      expect(response.statusCode, from).toBe(400);
      expect(response.body).toContain('Enter a date and time such as 2026-05-04T10:00.');
    }
    await expectNothingRevoked();
  });

  it('answers 404 for a key number the institution does not have, whatever the form says', async () => {
    for (const number of ['99', '0', 'abc', '-1']) {
      expect((await world.post('admin', compromised('delta', number), REASON)).statusCode, number).toBe(404);
      expect((await world.post('admin', compromised('delta', number), {})).statusCode, number).toBe(404);
    }
    await expectNothingRevoked();
  });

  it('marks the active key from a time given in UTC, replaces it and records who did it', async () => {
    const from = formatUtcDateTime(new Date(world.now().getTime() - 2 * HOUR));
    const response = await world.post('admin', compromised('delta', 2), { ...REASON, from });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${keys('delta')}?notice=compromised-replaced`);
    const published = await world.readPublishedKeys('delta');
    expect(published.map((key) => [key.id.split('#')[1], key.revoked])).toEqual([
      ['key-1', undefined],
      ['key-2', `${from}:00.000Z`],
      ['key-3', undefined],
    ]);
    const { body } = await world.get('admin', response.headers.location as string);
    expect(body).toContain('The key is marked compromised and a new key now signs new credentials.');
    expect(body).toMatch(/<th scope="row">Key 2<\/th>\s*<td><strong>Compromised since [^<]+UTC<\/strong>/);
    expect(body).toContain('Reason: <bdi>A laptop holding the key was stolen.</bdi>');
    expect(body).toMatch(/<th scope="row">Key 3<\/th>\s*<td>Active: signs new credentials<\/td>/);
    expect(body).not.toContain('Mark key 2 as compromised');
    const [event] = await listAuditEvents(world.ctx.platform.db, {
      action: 'credentials.key.compromised',
      objectId: published[1]!.id,
    });
    expect(event).toMatchObject({ actorId: world.visitors.admin.userId, after: { reason: REASON.reason } });
  });

  it('marks a retired key from now when no time is given, creating no new key', async () => {
    const response = await world.post('admin', compromised('delta', 1), { reason: 'Found in an old backup.' });
    expect(response.headers.location).toBe(`${keys('delta')}?notice=compromised`);
    const published = await world.readPublishedKeys('delta');
    expect(published).toHaveLength(3);
    expect(published[0]!.revoked).toBe(world.now().toISOString());
    const { body } = await world.get('admin', response.headers.location as string);
    expect(body).toContain('The key is marked compromised. What it signed from that time on no longer verifies.');
  });
});
