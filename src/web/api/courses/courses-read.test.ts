import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCourseApiWorld, type CourseApiWorld } from '../../../../test/api/fuzz-courses-world.ts';
import { asToken, callApi, expectProblem, type Caller } from '../../../../test/api/support.ts';
import { createTestApp, type TestContext } from '../../../../test/support/app.ts';

let ctx: TestContext;
let world: CourseApiWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  world = await createCourseApiWorld(ctx);
});
afterAll(() => ctx.close());

const get = (caller: Caller | null, url: string, headers: Record<string, string> = {}) =>
  callApi(ctx, caller ? asToken(caller) : null, { method: 'GET', url, headers });

describe('GET /api/v1/courses (searchCourses)', () => {
  it('finds a published course with its owners, joint flag, next run and facets', async () => {
    const response = await get(null, '/api/v1/courses?q=climate&language=en');
    expect(response.statusCode).toBe(200);
    const page = response.json();
    const hit = page.items.find((item: { key: string }) => item.key === world.published.key);
    expect(hit).toMatchObject({
      displayTitle: 'Climate Data 101',
      joint: false,
      owners: [{ key: world.memberA.key, country: 'KE', role: 'lead' }],
      nextRun: { code: '2027-T1', pacing: 'self_paced' },
    });
    expect(page.facets.language).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'en' })]));
  });

  it('never lists a course that was not published', async () => {
    const page = (await get(world.leadInstructor, '/api/v1/courses?limit=100')).json();
    const keys = page.items.map((item: { key: string }) => item.key);
    expect(keys).not.toContain(world.unpublishedKey);
  });

  it('accepts repeated filters and explains invalid ones in a 400 problem', async () => {
    expect((await get(null, '/api/v1/courses?subject=ict&subject=natural_sciences')).statusCode).toBe(200);
    for (const query of [
      'page=0',
      'limit=1000',
      'subject=astrology',
      'language=english',
      'certificate=yes',
      'sort=up',
    ]) {
      const problem = expectProblem(await get(null, `/api/v1/courses?${query}`), 400);
      expect((problem.errors as unknown[]).length).toBeGreaterThan(0);
    }
    expect(expectProblem(await get(null, '/api/v1/courses?draft=true'), 400).detail).toContain('draft');
  });
});

describe('GET /api/v1/courses/:key (getCourse)', () => {
  it('shows a published course to anyone: metadata, owners, syllabus and runs', async () => {
    const response = await get(null, `/api/v1/courses/${world.published.key}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      key: world.published.key,
      draft: false,
      metadata: { title: { en: 'Climate Data 101' }, languages: ['en'] },
      owners: [{ key: world.memberA.key, role: 'lead' }],
      syllabus: [{ key: world.published.sectionKey, title: 'Week 1', units: [{ title: 'Records' }] }],
      runs: [{ code: '2027-T1', releaseNumber: 1 }],
    });
    expect(JSON.stringify(response.json())).not.toContain('Hello.');
  });

  type Credential = () => Caller | null;
  it.each<[string, number, Credential]>([
    ['anonymous callers', 404, () => null],
    ['a learner', 404, () => world.learner],
    ['the admin of another institution', 404, () => world.adminB],
    ['a teaching assistant of another course', 404, () => world.assistant],
    ['the admin of the owning institution', 200, () => world.adminA],
    ['the lead instructor', 200, () => world.leadInstructor],
  ])('shows a never-published course to %s with status %i', async (_who, status, caller) => {
    const response = await get(caller(), `/api/v1/courses/${world.unpublishedKey}`);
    expect(response.statusCode).toBe(status);
    if (status === 200) expect(response.json()).toMatchObject({ draft: true, runs: [] });
  });

  it('answers 404 for an unknown key and 400 for a malformed one', async () => {
    expectProblem(await get(null, '/api/v1/courses/no-such-course'), 404);
    expectProblem(await get(null, '/api/v1/courses/Not_A_Key'), 400);
  });
});

describe('GET /api/v1/courses/:key/runs (listCourseRuns)', () => {
  it('lists the runs of a published course and hides those of a draft', async () => {
    const response = await get(null, `/api/v1/courses/${world.published.key}/runs`);
    expect(response.json().items).toEqual([expect.objectContaining({ code: '2027-T1', language: 'en' })]);
    expectProblem(await get(world.learner, `/api/v1/courses/${world.unpublishedKey}/runs`), 404);
  });
});

/** The attribute rules of MOOChub v3 (moochub-schema.json): every required attribute and its shape. */
const organization = z.object({ type: z.literal('Organization'), name: z.string().min(1) });
const licence = z.object({ identifier: z.string().min(1), url: z.string().url().nullable() });
const moochubItem = z.object({
  id: z.uuid(),
  type: z.literal('Course'),
  attributes: z.object({
    name: z.string().min(1),
    learningResourceType: z.object({
      identifier: z.literal('https://w3id.org/kim/hcrt/course'),
      type: z.literal('Concept'),
      inScheme: z.literal('https://w3id.org/kim/hcrt/scheme'),
    }),
    publisher: organization,
    url: z.string().url(),
    license: z.array(licence).min(1),
    creator: z.array(organization).min(1),
    courseCode: z.string().nullable().optional(),
    inLanguage: z.array(z.string()).optional(),
    startDate: z.array(z.iso.datetime()).optional(),
    duration: z
      .string()
      .regex(/^P(?!$)(\d+W)?(\d+D)?$/)
      .optional(),
    workload: z
      .object({ timeValue: z.number().int().min(0), timeUnit: z.enum(['h/month', 'h/week', 'h/day']) })
      .optional(),
    courseMode: z.array(z.enum(['blended', 'onsite', 'online', 'synchronous', 'asynchronous'])).optional(),
    access: z.array(z.enum(['free', 'paid', 'student', 'other'])).optional(),
    offer: z
      .array(
        z.object({
          price: z.number().min(0),
          priceCurrency: z.string().regex(/^[A-Z]{3}$/),
          paymentFrequency: z.string(),
          category: z.enum(['course', 'certificate', 'complete']),
        }),
      )
      .optional(),
    numberOfCredits: z.number().min(0).nullable().optional(),
    teaches: z
      .array(
        z.object({
          name: z.array(z.object({ inLanguage: z.string(), name: z.string() })),
          educationalFramework: z.enum(['ESCO', 'DigComp', 'GRETA']),
          educationalFrameworkVersion: z.string(),
        }),
      )
      .optional(),
  }),
});
const moochubDocument = z.object({
  links: z.object({ self: z.string(), first: z.string(), last: z.string(), next: z.string().optional() }),
  data: z.array(moochubItem),
});

describe('GET /api/v1/moochub/courses (listMoochubCourses)', () => {
  it('lists published courses as a valid MOOChub v3 document with a free offer', async () => {
    const response = await get(null, '/api/v1/moochub/courses', {
      accept: 'application/vnd.api+json; moochub-version=3',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.api+json; moochub-version=3; charset=utf-8');
    const document = moochubDocument.parse(response.json());
    const item = document.data.find((entry) => entry.attributes.courseCode === world.published.key)!;
    expect(item.attributes).toMatchObject({
      name: 'Climate Data 101',
      publisher: { name: 'Nairobi Open University' },
      license: [{ identifier: 'CC-BY-4.0' }],
      duration: 'P6W',
      workload: { timeValue: 3, timeUnit: 'h/week' },
      numberOfCredits: 2,
      offer: [{ price: 0 }],
      access: ['free'],
    });
    expect(document.data.map((entry) => entry.attributes.courseCode)).not.toContain(world.unpublishedKey);
  });

  it('pages with JSON:API links', async () => {
    const document = (await get(null, '/api/v1/moochub/courses?page[size]=1')).json();
    expect(document.links.first).toContain('page[number]=1&page[size]=1');
    expect(document.data.length).toBeLessThanOrEqual(1);
    expectProblem(await get(null, '/api/v1/moochub/courses?page[size]=1000'), 400);
  });

  it('refuses another major version with a 406 that says which one it speaks', async () => {
    const response = await get(null, '/api/v1/moochub/courses', {
      accept: 'application/vnd.api+json; moochub-version=2',
    });
    expect(expectProblem(response, 406).detail).toContain('version 3');
  });
});
