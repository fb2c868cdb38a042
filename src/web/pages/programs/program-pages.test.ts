import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProgramProgress } from '../../../modules/credentials/index.ts';
import { createProgramPagesWorld, PROGRAMS, ROLES, type ProgramPagesWorld } from './test-world.ts';

let world: ProgramPagesWorld;
beforeAll(async () => {
  world = await createProgramPagesWorld();
}, 120_000);
afterAll(() => world?.close());

const LIST = '/programs';
const page = (key: string) => `/programs/${key}`;
const claim = (key: string) => `/programs/${key}/claim`;
const CLAIM_BUTTON = 'Get my program certificate';

/** The program credential the service says the learner holds, if any. */
async function programCredentialOf(person: ProgramPagesWorld['people']['complete'], key: string) {
  return (await getProgramProgress(person.ctx, key)).credentialUuid;
}

describe('the programs list (programs)', () => {
  it.each(ROLES)('shows %s every program, who awards it and what it asks', async (role) => {
    const response = await world.get(role, LIST);
    expect(response.statusCode).toBe(200);
    const { body } = response;
    expect(body).toContain('<h1>Programs</h1>');
    expect(body).toContain(`href="${page(PROGRAMS.all)}"`);
    expect(body).toContain(`href="${page(PROGRAMS.any)}"`);
    expect(body).toContain('Climate Data Professional');
    expect(body).toContain('Climate Data Foundations');
    expect(body).toContain(`Awarded by ${world.institutions.lead.name.en}, with ${world.institutions.partner.name.en}`);
    expect(body).toContain('Pass all 2 courses');
    expect(body).toContain('Pass any 1 of 2 courses');
  });

  it('is translated, right to left in Arabic, with a title marked when it is in another language', async () => {
    const ar = await world.get('anonymous', LIST, { 'accept-language': 'ar' });
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('<h1>البرامج</h1>');
    expect(ar.body).toContain('محترف بيانات المناخ');
    expect(ar.body).toMatch(/<a href="\/programs\/climate-any" lang="en" dir="ltr">Climate Data Foundations<\/a>/);
    const zh = await world.get('anonymous', LIST, { 'accept-language': 'zh-Hans' });
    expect(zh.body).toContain('<h1>项目</h1>');
    expect(zh.body).toContain('通过全部 2 门课程');
  });
});

describe('a program’s page (programs/:key)', () => {
  it.each(ROLES)('shows %s the program, its courses linked to their pages, and its institutions', async (role) => {
    const response = await world.get(role, page(PROGRAMS.all));
    expect(response.statusCode).toBe(200);
    const { body } = response;
    expect(body).toMatch(/<h1>Climate Data Professional<\/h1>/);
    expect(body).toContain('Two courses on climate data, taught across the alliance.');
    expect(body).toContain(`href="/courses/${world.courses.first}"`);
    expect(body).toContain(`href="/courses/${world.courses.second}"`);
    expect(body.match(/Climate Data 101/g)?.length).toBeGreaterThanOrEqual(2);
    expect(body).toContain('Pass all 2 courses');
    expect(body).toContain(`href="/institutions/${world.institutions.lead.key}"`);
    expect(body).toContain(`${world.institutions.lead.name.en} (lead institution)`);
    expect(body).toContain(`href="/institutions/${world.institutions.partner.key}"`);
  });

  it('invites anonymous visitors to sign in to follow their progress, and back', async () => {
    const { body } = await world.get('anonymous', page(PROGRAMS.all));
    expect(body).toContain(`href="/sign-in?next=${encodeURIComponent(page(PROGRAMS.all))}"`);
    expect(body).not.toContain('Your progress');
    expect(body).not.toContain('<progress');
  });

  it('answers 404 for an unknown program and for a malformed key', async () => {
    for (const url of [page('no-such-program'), page('Bad_Key'), page('x'), page('a'.repeat(80))]) {
      expect((await world.get('learner', url)).statusCode, url).toBe(404);
    }
  });

  it('shows a learner who has passed nothing 0 of 2, every course not started, and nothing to claim', async () => {
    const { body } = await world.get('learner', page(PROGRAMS.all));
    expect(body).toContain('Your progress');
    expect(body).toContain('0 of 2 passed');
    expect(body).toMatch(/<progress max="2" value="0"/);
    expect(body.match(/>Not started</g)).toHaveLength(2);
    expect(body).not.toContain(CLAIM_BUTTON);
    expect(body).not.toContain('/credentials/');
  });

  it('shows a learner halfway 1 of 2, the passed course with its certificate, the other enrolled', async () => {
    const { body } = await world.get('partial', page(PROGRAMS.all));
    expect(body).toContain('1 of 2 passed');
    expect(body).toMatch(/<progress max="2" value="1"/);
    const passed = body.indexOf('>Passed<');
    const enrolled = body.indexOf('>Enrolled<');
    expect(passed).toBeGreaterThan(-1);
    expect(enrolled).toBeGreaterThan(passed);
    expect(body.match(/>Course certificate</g)).toHaveLength(1);
    expect(body).not.toContain('You have earned this program.');
    expect(body).not.toContain(CLAIM_BUTTON);
  });

  it('shows a learner who passed both 2 of 2 with the link to their program certificate', async () => {
    const uuid = await programCredentialOf(world.people.complete, PROGRAMS.all);
    expect(uuid).toEqual(expect.any(String));
    const { body } = await world.get('complete', page(PROGRAMS.all));
    expect(body).toContain('2 of 2 passed');
    expect(body).toContain('You have earned this program.');
    expect(body).toContain(`href="/credentials/${uuid}"`);
    expect(body).not.toContain(CLAIM_BUTTON);
    const credential = await world.get('complete', `/credentials/${uuid}`);
    expect(credential.statusCode).toBe(200);
    expect(credential.body).toContain('Climate Data Professional');
  });

  it('counts only as many passed courses as a program asks for', async () => {
    const { body } = await world.get('complete', page(PROGRAMS.any));
    expect(body).toContain('1 of 1 passed');
    expect(body).toMatch(/<progress max="1" value="1"/);
    expect(body).toContain('You have earned this program.');
  });

  it('is translated into Arabic, progress included', async () => {
    const { body } = await world.get('partial', page(PROGRAMS.all), { 'accept-language': 'ar' });
    expect(body).toContain('dir="rtl"');
    expect(body).toContain('<h1>محترف بيانات المناخ</h1>');
    expect(body).toContain('تقدمك');
    expect(body).toContain('اجتزت 1 من 2');
  });
});

describe('claiming a program certificate (programs/:key/claim)', () => {
  it('sends anonymous visitors to sign in and back to the program', async () => {
    const response = await world.post('anonymous', claim(PROGRAMS.all));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(page(PROGRAMS.all))}`);
  });

  it('issues the certificate of a program defined after the learner passed its courses, then shows it', async () => {
    const person = await world.buildCompleteLearner('Late Lina');
    await world.defineProgram('climate-late', { title: { en: 'Climate Data Late Starter' } });
    const session = await world.signInAs(person.user.email);
    const before = await world.get(session, page('climate-late'));
    expect(before.body).toContain('2 of 2 passed');
    expect(before.body).toContain(CLAIM_BUTTON);
    expect(before.body).toContain(`action="${claim('climate-late')}"`);
    expect(await programCredentialOf(person, 'climate-late')).toBeNull();

    const response = await world.post(session, claim('climate-late'));
    expect(response.statusCode).toBe(303);
    const uuid = await programCredentialOf(person, 'climate-late');
    expect(uuid).toEqual(expect.any(String));
    expect(response.headers.location).toBe(`/credentials/${uuid}`);
    const shown = await world.get(session, `/credentials/${uuid}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Climate Data Late Starter');

    const after = await world.get(session, page('climate-late'));
    expect(after.body).not.toContain(CLAIM_BUTTON);
    expect(after.body).toContain(`href="/credentials/${uuid}"`);
    const again = await world.post(session, claim('climate-late'));
    expect(again.headers.location).toBe(`/credentials/${uuid}`);
  });

  it.each(['learner', 'partial'] as const)(
    'refuses %s, who has not passed enough, with the page saying so (409)',
    async (role) => {
      const response = await world.post(role, claim(PROGRAMS.all));
      expect(response.statusCode).toBe(409);
      expect(response.body).toContain('You have not passed enough of this program’s courses yet');
      expect(response.body).not.toContain('You have earned this program.');
      const person = role === 'partial' ? world.people.partial : null;
      if (person) expect(await programCredentialOf(person, PROGRAMS.all)).toBeNull();
    },
  );

  it('leaves an issued certificate as it is', async () => {
    const uuid = await programCredentialOf(world.people.complete, PROGRAMS.all);
    const response = await world.post('complete', claim(PROGRAMS.all));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/credentials/${uuid}`);
  });

  it('answers 404 for an unknown program', async () => {
    expect((await world.post('complete', claim('no-such-program'))).statusCode).toBe(404);
    expect((await world.post('complete', claim('Bad_Key'))).statusCode).toBe(404);
  });

  it('refuses a form without its CSRF token', async () => {
    const response = await world.ctx.app.inject({
      method: 'POST',
      url: claim(PROGRAMS.all),
      headers: { cookie: world.visitors.complete.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(response.statusCode).toBe(403);
  });
});
