import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishCourse } from '../../../modules/courses/index.ts';
import { listRecentMail } from '../../../platform/mail/index.ts';
import { createStudioWorld, type Session, type StudioWorld } from './test-setup.ts';

const COURSE = '/studio/courses/ocean-science';

let world: StudioWorld;
let lead: Session;
let nairobi: Session;

beforeAll(async () => {
  world = await createStudioWorld();
  const { alpha, nairobi: partner } = world.institutions;
  lead = await world.person('Lin', [alpha, 'instructor']);
  nairobi = await world.person('Wanjiru', [partner, 'instructor']);
  const created = await world.post(lead, '/studio/new', {
    key: 'ocean-science',
    lead: String(alpha.id),
    partners: [String(partner.id)],
    textLanguage: 'en',
    title: 'Ocean Science',
    shortDescription: 'Waves, currents and climate.',
    languages: ['en', 'sw'],
  });
  expect(created.headers.location).toBe(`${COURSE}/settings?notice=created`);
});
afterAll(() => world.ctx.close());

describe('a cross-institution team invitation', () => {
  it('goes from the invite form through the mail to the Nairobi instructor joining the team', async () => {
    const invited = await world.post(lead, `${COURSE}/team/invitations`, {
      email: nairobi.email,
      role: 'instructor',
      institution: String(world.institutions.nairobi.id),
    });
    expect(invited.headers.location).toBe(`${COURSE}/team?notice=invited`);
    const [mail] = await listRecentMail(world.ctx.platform.db, { recipient: nairobi.email, limit: 1 });
    expect(mail?.subject).toBe('Invitation to teach “Ocean Science”');
    expect(mail?.htmlBody).toContain('href="http://localhost:3000/studio/invitations/');
    const url = /http:\/\/localhost:3000(\/studio\/invitations\/[A-Za-z0-9_-]+)/.exec(mail?.textBody ?? '')?.[1];
    expect(url).toBeDefined();

    const preview = await world.get(await world.anonymous(), url!);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('You are invited to teach “Ocean Science” as Instructor for University of Nairobi.');
    expect((await world.post(lead, `${url}/acceptance`)).statusCode).toBe(403);

    const accepted = await world.post(nairobi, `${url}/acceptance`);
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`${COURSE}/team?notice=joined`);
    const team = await world.get(nairobi, accepted.headers.location as string);
    expect(team.body).toContain('Lin Person');
    expect(team.body).toContain('Wanjiru Person');
    expect(team.body).toContain('You joined the course team.');
    expect((await world.post(nairobi, `${url}/acceptance`)).statusCode).toBe(409);
  });

  it('re-renders the invite form with errors for a bad address or someone already on the team', async () => {
    const bad = await world.post(lead, `${COURSE}/team/invitations`, {
      email: 'not-an-address',
      role: 'author',
      institution: String(world.institutions.alpha.id),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="email"[^>]*aria-invalid="true"/);
    const member = await world.post(lead, `${COURSE}/team/invitations`, {
      email: nairobi.email,
      role: 'author',
      institution: String(world.institutions.nairobi.id),
    });
    expect(member.statusCode).toBe(409);
    expect(member.body).toContain('This person is already on the team.');
  });

  it('keeps the last lead instructor and keeps a partner that still teaches', async () => {
    const demoted = await world.post(lead, `${COURSE}/team/members/${lead.userId}/role`, { role: 'author' });
    expect(demoted.headers.location).toBe(`${COURSE}/team?notice=last-lead`);
    const removed = await world.post(lead, `${COURSE}/owners/${world.institutions.nairobi.id}/removal`);
    expect(removed.headers.location).toBe(`${COURSE}/team?notice=partner-has-team`);
  });
});

describe('the new course form', () => {
  it('re-renders with field errors and refuses a taken key', async () => {
    const alpha = String(world.institutions.alpha.id);
    const bad = await world.post(lead, '/studio/new', { key: 'X', lead: alpha, title: '', languages: ['en'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toMatch(/id="key"[^>]*aria-invalid="true"/);
    expect(bad.body).toMatch(/id="title"[^>]*aria-invalid="true"/);
    const taken = await world.post(lead, '/studio/new', {
      key: 'ocean-science',
      lead: alpha,
      title: 'T',
      languages: ['en'],
    });
    expect(taken.statusCode).toBe(409);
    const elsewhere = await world.post(lead, '/studio/new', {
      key: 'elsewhere',
      lead: String(world.institutions.gamma.id),
      title: 'T',
      languages: ['en'],
    });
    expect(elsewhere.statusCode).toBe(400);
  });
});

describe('the settings page', () => {
  it('shows one set of texts per language, with the course’s languages of instruction', async () => {
    const page = await world.get(lead, `${COURSE}/settings`);
    expect(page.body).toContain('name="title.en"');
    expect(page.body).toContain('name="title.sw"');
    expect(page.body).toContain('value="Ocean Science"');
  });

  it('adds a language without saving, then saves every field', async () => {
    const added = await world.post(lead, `${COURSE}/settings`, {
      intent: 'add-language',
      addLanguage: 'ar',
      textLanguages: ['en', 'sw'],
      'title.en': 'Ocean Science',
    });
    expect(added.statusCode).toBe(200);
    expect(added.body).toMatch(/name="title.ar"[^>]*lang="ar"[^>]*dir="rtl"|lang="ar" dir="rtl"/);
    const saved = await world.post(lead, `${COURSE}/settings`, {
      intent: 'save',
      textLanguages: ['en', 'ar'],
      'title.en': 'Ocean Science',
      'title.ar': 'علوم المحيطات',
      'outcomes.en': 'Explain currents\nRead tide tables',
      'outcomes.ar': 'شرح التيارات',
      subjects: ['natural_sciences'],
      'skills.0.name.en': 'Oceanography',
      'skills.1.name.en': '',
      level: 'intermediate',
      languages: ['en'],
      otherLanguages: 'sw',
      hoursPerWeek: '4',
      weeks: '6',
      ects: '2.5',
      licence: 'CC-BY-SA-4.0',
      trailerUrl: 'https://video.example/ocean',
      'partners.0.name': 'Blue Labs',
      'partners.0.url': 'https://blue.example',
    });
    expect(saved.headers.location).toBe(`${COURSE}/settings?notice=saved`);
    const page = await world.get(lead, saved.headers.location as string);
    expect(page.body).toContain('علوم المحيطات');
    expect(page.body).toContain('Total workload as saved: 24 hours.');
    expect(page.body).toContain('Oceanography');
    expect(page.body).toContain('Blue Labs');
    expect(page.body).toMatch(/value="natural_sciences" checked/);
  });

  it('re-renders invalid settings with errors on the right fields', async () => {
    const response = await world.post(lead, `${COURSE}/settings`, {
      textLanguages: ['en'],
      'title.en': '',
      languages: ['en'],
      level: 'introductory',
      licence: 'CC-BY-4.0',
      ects: '2.3',
      hoursPerWeek: '4',
      'skills.0.name.en': 'Oceanography',
      'skills.0.escoUri': 'http://example.com/not-esco',
      'partners.0.name': 'Blue Labs',
      'partners.0.url': 'ftp://blue.example',
    });
    expect(response.statusCode).toBe(400);
    for (const id of ['title-en', 'ects', 'weeks', 'skills-0-escoUri', 'partners-0-url']) {
      expect(response.body, id).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
    }
  });
});

describe('the runs page', () => {
  beforeAll(async () => {
    await publishCourse(await world.actAs(lead), 'ocean-science', { message: 'First release' });
  });

  it('opens a run, rejects bad dates and a taken code', async () => {
    const form = { pacing: 'scheduled', language: 'en', certificatePolicy: 'free_on_pass', capacity: '500' };
    const bad = await world.post(lead, `${COURSE}/runs`, { ...form, code: '2027-T1', startsAt: '2027-03-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="new-endsAt"[^>]*aria-invalid="true"/);
    const made = await world.post(lead, `${COURSE}/runs`, {
      ...form,
      code: '2027-T1',
      startsAt: '2027-03-01',
      endsAt: '2027-05-31',
    });
    expect(made.headers.location).toBe(`${COURSE}/runs?notice=created`);
    const again = await world.post(lead, `${COURSE}/runs`, {
      ...form,
      code: '2027-T1',
      startsAt: '2027-03-01',
      endsAt: '2027-05-31',
    });
    expect(again.statusCode).toBe(409);
    const page = await world.get(lead, `${COURSE}/runs`);
    expect(page.body).toContain('Run 2027-T1');
    expect(page.body).toContain('Mar 1, 2027');
    expect(page.body).toContain('Release 1');
  });

  it('edits the grading policy and refuses weights that do not add up', async () => {
    const url = `${COURSE}/runs/2027-T1/grading`;
    const bad = await world.post(lead, url, {
      'types.0.name': 'Homework',
      'types.0.weight': '50',
      'types.1.name': 'Exam',
      'types.1.weight': '30',
      passMark: '60',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The weights of the assignment types must add up to 100 %.');
    const good = await world.post(lead, url, {
      'types.0.name': 'Homework',
      'types.0.weight': '70',
      'types.0.dropLowest': '1',
      'types.1.name': 'Exam',
      'types.1.weight': '30',
      passMark: '60',
    });
    expect(good.headers.location).toBe(`${COURSE}/runs?notice=grading`);
    expect((await world.get(lead, `${COURSE}/runs`)).body).toContain('pass mark 60%');
  });

  it('moves a run to a newer release only with the explicit button', async () => {
    await world.post(lead, `${COURSE}/settings`, {
      textLanguages: ['en'],
      'title.en': 'Ocean Science, second edition',
      languages: ['en'],
      level: 'introductory',
      licence: 'CC-BY-4.0',
    });
    const release = await publishCourse(await world.actAs(lead), 'ocean-science', { message: 'Second' });
    let page = await world.get(lead, `${COURSE}/runs`);
    expect(page.body).toContain('Move run 2027-T1 to release 2');
    const moved = await world.post(lead, `${COURSE}/runs/2027-T1/release`, { release: String(release.id) });
    expect(moved.headers.location).toBe(`${COURSE}/runs?notice=moved`);
    page = await world.get(lead, `${COURSE}/runs`);
    expect(page.body).not.toContain('Move run 2027-T1 to release 2');
  });

  it('shows dates in the reader’s language', async () => {
    const page = await world.ctx.app.inject({
      method: 'GET',
      url: `${COURSE}/runs`,
      headers: { cookie: lead.cookies, 'accept-language': 'ar' },
    });
    expect(page.body).toContain('dir="rtl"');
  });
});
