import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProgramByKey } from '../../../modules/credentials/index.ts';
import { createProgramPagesWorld, ROLES, type ProgramPagesWorld, type Role } from './test-world.ts';

let world: ProgramPagesWorld;
let form: string;
let create: string;
beforeAll(async () => {
  world = await createProgramPagesWorld();
  form = `/institutions/${world.institutions.lead.key}/programs/new`;
  create = `/institutions/${world.institutions.lead.key}/programs`;
}, 120_000);
afterAll(() => world?.close());

/** The lead institution's admins and registrars define its programs; no one else does. */
const DEFINERS: Role[] = ['leadAdmin', 'registrar'];
const REFUSED = ROLES.filter((role) => role !== 'anonymous' && !DEFINERS.includes(role));

const programExists = async (key: string) => (await getProgramByKey(world.ctx.platform.db, key)) !== null;

/** A complete, valid form: both courses, the second through its institution as partner. */
function validForm(key: string, overrides: Record<string, string | string[]> = {}) {
  return {
    key,
    titleEn: 'Data Stewardship',
    titleAr: 'الإشراف على البيانات',
    descriptionEn: 'Look after research data.',
    partners: [world.institutions.partner.key],
    courses: [world.courses.first],
    otherCourses: world.courses.second,
    rule: 'any_n',
    requiredCount: '1',
    ...overrides,
  };
}

describe('who may open the new-program form (institutions/:key/programs/new)', () => {
  it('sends anonymous visitors to sign in and back', async () => {
    const response = await world.get('anonymous', form);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(form)}`);
  });

  it.each(DEFINERS)('shows %s the form with the institution’s courses and the other members', async (role) => {
    const response = await world.get(role, form);
    expect(response.statusCode).toBe(200);
    const { body } = response;
    expect(body).toContain(`New program of ${world.institutions.lead.name.en}`);
    expect(body).toContain(`action="${create}"`);
    expect(body).toContain('name="_csrf"');
    expect(body).toMatch(new RegExp(`name="courses" value="${world.courses.first}"`));
    expect(body).toMatch(new RegExp(`name="partners" value="${world.institutions.partner.key}"`));
    expect(body).toMatch(new RegExp(`name="partners" value="${world.institutions.other.key}"`));
    expect(body).not.toMatch(new RegExp(`name="partners" value="${world.institutions.lead.key}"`));
    expect(body).toContain('name="otherCourses"');
  });

  it.each(REFUSED)('refuses %s (403)', async (role) => {
    expect((await world.get(role, form)).statusCode).toBe(403);
  });

  it('answers 404 for an unknown institution and for one that is not listed', async () => {
    const applicant = await world.first.helpers.buildInstitution({ membershipStatus: 'applicant' });
    for (const key of ['nowhere', applicant.key]) {
      expect((await world.get('leadAdmin', `/institutions/${key}/programs/new`)).statusCode, key).toBe(404);
    }
  });
});

describe('who may define a program (institutions/:key/programs)', () => {
  it('sends anonymous visitors to sign in', async () => {
    const response = await world.post('anonymous', create, validForm('anonymous-program'));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(form)}`);
    expect(await programExists('anonymous-program')).toBe(false);
  });

  it('lets the admin define one, then shows it with a notice', async () => {
    const response = await world.post('leadAdmin', create, validForm('data-stewardship'));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/programs/data-stewardship?notice=created');
    const program = await getProgramByKey(world.ctx.platform.db, 'data-stewardship');
    expect(program).toMatchObject({
      title: { en: 'Data Stewardship', ar: 'الإشراف على البيانات' },
      description: { en: 'Look after research data.' },
      rule: 'any_n',
      requiredCount: 1,
    });
    expect(program?.courseIds).toHaveLength(2);
    const { body } = await world.get('leadAdmin', response.headers.location as string);
    expect(body).toContain('The program has been created.');
    expect(body).toContain('Pass any 1 of 2 courses');
    expect(body).toContain(`href="/courses/${world.courses.second}"`);
  });

  it('lets the registrar define one of the institution’s own courses alone', async () => {
    const response = await world.post('registrar', create, {
      key: 'registrar-program',
      titleEn: 'Climate Data Basics',
      courses: world.courses.first,
      rule: 'all',
      requiredCount: '7',
    });
    expect(response.statusCode).toBe(303);
    expect(await getProgramByKey(world.ctx.platform.db, 'registrar-program')).toMatchObject({
      rule: 'all',
      requiredCount: 1,
      institutionIds: [world.institutions.lead.id],
    });
  });

  it.each(REFUSED)('refuses %s (403) and defines nothing', async (role) => {
    const key = `refused-${role.toLowerCase()}`;
    expect((await world.post(role, create, validForm(key))).statusCode).toBe(403);
    expect(await programExists(key)).toBe(false);
  });

  it('refuses a form without its CSRF token', async () => {
    const response = await world.ctx.app.inject({
      method: 'POST',
      url: create,
      headers: { cookie: world.visitors.leadAdmin.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ key: 'no-token', titleEn: 'No token', courses: world.courses.first }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(await programExists('no-token')).toBe(false);
  });
});

describe('the new-program form’s messages', () => {
  it('names every missing field, keeps what was typed and marks the fields', async () => {
    const response = await world.post('leadAdmin', create, {
      key: 'Not A Key',
      titleZh: '数据',
      descriptionEn: 'Kept as typed.',
      rule: 'all',
    });
    expect(response.statusCode).toBe(400);
    const { body } = response;
    expect(body).toContain('Please correct the following:');
    expect(body).toContain('Give a key of 2 to 63 lower-case letters');
    expect(body).toContain('Give the program a title in English');
    expect(body).toContain('Choose at least one course.');
    expect(body).toContain('href="#key"');
    expect(body).toContain('href="#titleEn"');
    expect(body).toContain('href="#courses"');
    expect(body).toMatch(/id="key"[^>]*value="Not A Key"[^>]*aria-invalid="true"/);
    expect(body).toContain('value="数据"');
    expect(body).toContain('Kept as typed.');
  });

  it('names a course that does not exist, and keeps the typed keys', async () => {
    const response = await world.post(
      'leadAdmin',
      create,
      validForm('ghost-course', { otherCourses: 'no-such-course' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is no published course “no-such-course”.');
    expect(response.body).toMatch(/<textarea[^>]*name="otherCourses"[^>]*>no-such-course<\/textarea>/);
    expect(response.body).toMatch(/name="courses" value="[^"]+" checked/);
    expect(await programExists('ghost-course')).toBe(false);
  });

  it('names a course of an institution that is not a partner', async () => {
    const response = await world.post('leadAdmin', create, validForm('no-partner', { partners: [] }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      `The course “${world.courses.second}” belongs to none of the program’s institutions.`,
    );
  });

  it('asks how many courses to pass under the rule "any", and no more than there are', async () => {
    const missing = await world.post('leadAdmin', create, validForm('count-missing', { requiredCount: '' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Say how many of the courses learners must pass.');
    expect(missing.body).toContain('href="#requiredCount"');
    for (const count of ['3', '0', 'two']) {
      const wrong = await world.post('leadAdmin', create, validForm('count-wrong', { requiredCount: count }));
      expect(wrong.statusCode, count).toBe(400);
      expect(wrong.body).toContain('must be a whole number from 1 to the number of courses');
    }
  });

  it('refuses an unknown rule and an unknown partner with their own messages', async () => {
    const rule = await world.post('leadAdmin', create, validForm('odd-rule', { rule: 'most' }));
    expect(rule.statusCode).toBe(400);
    expect(rule.body).toContain('Choose one of the two rules.');
    const partner = await world.post('leadAdmin', create, validForm('odd-partner', { partners: ['nowhere'] }));
    expect(partner.statusCode).toBe(400);
    expect(partner.body).toContain('Choose at most 10 partner institutions');
  });

  it('refuses a key already taken (409)', async () => {
    expect((await world.post('leadAdmin', create, validForm('taken-key'))).statusCode).toBe(303);
    const response = await world.post('leadAdmin', create, validForm('taken-key'));
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('There is already a program with this key.');
  });

  it('speaks the reader’s language', async () => {
    const response = await world.post('leadAdmin', create, { key: '', titleEn: '' }, { 'accept-language': 'ar' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('dir="rtl"');
    expect(response.body).toContain('اكتب عنوانًا للبرنامج بالإنجليزية');
    expect(response.body).toContain('اختر مقررًا واحدًا على الأقل.');
  });
});
