import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSection,
  addUnit,
  createRun,
  publishCourse,
  updateCourseMetadata,
  type CourseMetadataInput,
} from '../../../modules/courses/index.ts';
import { createCourseTestHelpers } from '../../../modules/courses/test-helpers.ts';
import type { Institution } from '../../../modules/institutions/index.ts';
import { createTestApp, createTestUser, signIn, type TestContext } from '../../../../test/support/app.ts';

const DAY = 86_400_000;
const EVIL_TITLE = 'Tides\u2028</script><script>alert(1)</script> & <!-- more';

let ctx: TestContext;
let helpers: ReturnType<typeof createCourseTestHelpers>;
let lead: Institution;
let partner: Institution;
let learnerCookies: string;
let leadCtx: Awaited<ReturnType<ReturnType<typeof createCourseTestHelpers>['buildCourse']>>['leadInstructor']['ctx'];

function oceanMetadata(title: string): CourseMetadataInput {
  return {
    title: { en: title, 'zh-Hans': '海洋科学导论', ar: 'مدخل إلى علوم المحيطات' },
    shortDescription: { en: 'How the ocean shapes the climate.' },
    description: { en: 'Read **closely**.\n\n<img src=x onerror=alert(1)>' },
    subjects: ['natural_sciences'],
    skills: [{ name: { en: 'Ocean modelling' } }],
    outcomes: [{ en: 'Explain ocean currents' }],
    prerequisites: { en: 'Secondary-school physics.' },
    level: 'intermediate',
    languages: ['en', 'zh-Hans'],
    effort: { hoursPerWeek: 3, weeks: 6 },
    ectsCredits: 1.5,
    licence: 'CC-BY-SA-4.0',
    trailer: { kind: 'url', url: 'https://video.example.org/ocean' },
    industryPartners: [{ name: 'Blue Data Ltd', url: 'https://blue.example.com' }],
  };
}

async function publishOceanCourse(key: string, title: string) {
  const { leadInstructor } = await helpers.buildCourse({
    lead,
    partners: [partner],
    key,
    metadata: oceanMetadata(title),
  });
  leadCtx = leadInstructor.ctx;
  const section = await addSection(leadCtx, key, { title: 'Currents and heat' });
  await addUnit(leadCtx, key, section.key, { title: 'The global conveyor belt' });
  await publishCourse(leadCtx, key, { message: 'First release' });
  const start = new Date(Date.now() + 30 * DAY);
  await createRun(leadCtx, key, {
    code: '2027-T1',
    pacing: 'scheduled',
    language: 'en',
    startsAt: start,
    endsAt: new Date(start.getTime() + 42 * DAY),
    enrollmentOpensAt: new Date(Date.now() - DAY),
    certificatePolicy: 'free_on_pass',
  });
}

beforeAll(async () => {
  ctx = await createTestApp();
  helpers = createCourseTestHelpers(ctx.platform.db);
  lead = await helpers.buildInstitution({ key: 'coast-university', name: { en: 'Coast University' } });
  partner = await helpers.buildInstitution({ key: 'reef-institute', name: { en: 'Reef Institute' }, country: 'AU' });
  await publishOceanCourse('ocean-science', 'Ocean Science');
  await publishOceanCourse('tides', EVIL_TITLE);
  await helpers.buildCourse({ lead, key: 'unreleased-course' });
  const learner = await createTestUser(ctx.platform);
  learnerCookies = await signIn(ctx.app, learner.email);
});
afterAll(() => ctx.close());

function get(url: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url, headers });
}

function readJsonLd(html: string): Record<string, unknown> {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]![1]!) as Record<string, unknown>;
}

describe('GET /courses/:key', () => {
  it.each([
    ['an anonymous visitor', false],
    ['a signed-in learner', true],
  ])('shows %s the released description, syllabus, owners and runs', async (_who, signedIn) => {
    const headers: Record<string, string> = signedIn ? { cookie: learnerCookies } : {};
    const response = await get('/courses/ocean-science', headers);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1>Ocean Science</h1>');
    expect(html).toContain('<title>Ocean Science · Orbis</title>');
    expect(html).toContain('How the ocean shapes the climate.');
    expect(html).toContain('<strong>closely</strong>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Currents and heat');
    expect(html).toContain('The global conveyor belt');
    expect(html).toContain('href="/institutions/coast-university"');
    expect(html).toContain('href="/institutions/reef-institute"');
    expect(html).toContain('Joint course');
    expect(html).toContain('Run 2027-T1');
    expect(html).toContain('Free certificate when you pass');
    expect(html).toContain('3 hours a week for 6 weeks');
    expect(html).toContain('href="https://creativecommons.org/licenses/by-sa/4.0/"');
    expect(html).toContain('Blue Data Ltd');
    expect(html).toContain('Explain ocean currents');
    expect(html).toContain('<link rel="canonical" href="http://localhost:3000/courses/ocean-science"/>');
    expect(html).toContain('<meta name="description" content="How the ocean shapes the climate."/>');
  });

  it('names the instructors with their institutions, never their e-mail addresses nor backstage roles', async () => {
    const { course, leadInstructor } = await helpers.buildCourse({ lead, partners: [partner], key: 'reef-ecology' });
    const guest = await helpers.addTeamMember(course, partner, 'instructor');
    const assistant = await helpers.addTeamMember(course, lead, 'teaching_assistant');
    const section = await addSection(leadInstructor.ctx, course.key, { title: 'Corals' });
    await addUnit(leadInstructor.ctx, course.key, section.key, { title: 'Polyps' });
    await publishCourse(leadInstructor.ctx, course.key, { message: 'First release' });
    await createRun(leadInstructor.ctx, course.key, { code: 'open', pacing: 'self_paced', language: 'en' });
    const html = (await get('/courses/reef-ecology')).body;
    expect(html).toContain(leadInstructor.user.name);
    expect(html).toContain(guest.user.name);
    expect(html).toContain('Reef Institute');
    expect(html).not.toContain(assistant.user.name);
    expect(html).not.toContain(leadInstructor.user.email);
    const jsonLd = readJsonLd(html) as { hasCourseInstance: Array<{ instructor?: Array<{ name: string }> }> };
    expect(jsonLd.hasCourseInstance[0]?.instructor?.map((person) => person.name)).toEqual([
      leadInstructor.user.name,
      guest.user.name,
    ]);
  });

  it('answers 404 with the site page for a course never published, unknown or malformed', async () => {
    for (const url of ['/courses/unreleased-course', '/courses/no-such-course', '/courses/Not_A..Key']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
    }
  });

  it('shows a draft change only once it is published', async () => {
    await updateCourseMetadata(leadCtx, 'tides', oceanMetadata('Tides, second edition'));
    expect((await get('/courses/tides')).body).not.toContain('Tides, second edition');
    expect((await get('/courses?q=second+edition')).body).not.toContain('href="/courses/tides"');
    await publishCourse(leadCtx, 'tides', { message: 'Second edition' });
    const after = await get('/courses/tides');
    expect(after.body).toContain('Tides, second edition');
    expect((await get('/courses?q=second+edition')).body).toContain('href="/courses/tides"');
    await updateCourseMetadata(leadCtx, 'tides', oceanMetadata(EVIL_TITLE));
    await publishCourse(leadCtx, 'tides', { message: 'Back to the first title' });
  });

  it('describes the course in schema.org JSON-LD with an instance per run and a free offer', async () => {
    const jsonLd = readJsonLd((await get('/courses/ocean-science')).body);
    expect(jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Course',
      name: 'Ocean Science',
      courseCode: 'ocean-science',
      description: 'How the ocean shapes the climate.',
      provider: { name: 'Coast University', url: 'http://localhost:3000/institutions/coast-university' },
      inLanguage: ['en', 'zh-Hans'],
      coursePrerequisites: 'Secondary-school physics.',
      educationalCredentialAwarded: { '@type': 'EducationalOccupationalCredential' },
      license: 'https://creativecommons.org/licenses/by-sa/4.0/',
      offers: [{ '@type': 'Offer', price: 0 }],
    });
    expect(jsonLd.teaches).toEqual(['Ocean modelling', 'Explain ocean currents']);
    const instances = jsonLd.hasCourseInstance as Array<Record<string, unknown>>;
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({
      '@type': 'CourseInstance',
      courseMode: 'online',
      courseSchedule: { '@type': 'Schedule', repeatFrequency: 'P1W', repeatCount: 6, duration: 'PT3H' },
      location: { '@type': 'VirtualLocation', url: 'http://localhost:3000/courses/ocean-science' },
    });
    expect(instances[0]!.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('keeps a title with </script> inside the JSON-LD block and the page', async () => {
    const html = (await get('/courses/tides')).body;
    const jsonLd = readJsonLd(html);
    expect(jsonLd.name).toBe(EVIL_TITLE);
    expect(html).toContain('Tides\\u2028\\u003c/script\\u003e');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html.match(/<script\b/g)).toHaveLength(2);
  });

  it('speaks Arabic right to left with the course title in Arabic', async () => {
    const html = (await get('/courses/ocean-science', { 'accept-language': 'ar' })).body;
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('مدخل إلى علوم المحيطات');
    expect(html).toContain('الخطة الدراسية');
  });
});

describe('institution profiles', () => {
  it('list the courses the institution leads or joins, with the joint mark', async () => {
    for (const key of ['coast-university', 'reef-institute']) {
      const html = (await get(`/institutions/${key}`)).body;
      expect(html, key).toContain('href="/courses/ocean-science"');
      expect(html, key).toContain('Joint course');
      expect(html, key).not.toContain('unreleased-course');
    }
  });
});
