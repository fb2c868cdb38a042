import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_METADATA,
  createCourseApiWorld,
  indexInCatalog,
  uniqueCourseKey,
  type CourseApiWorld,
} from '../../../../test/api/fuzz-courses-world.ts';
import { asSession, asToken, callApi, expectProblem, type Caller } from '../../../../test/api/support.ts';
import { createTestApp, type TestContext } from '../../../../test/support/app.ts';

let ctx: TestContext;
let world: CourseApiWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  world = await createCourseApiWorld(ctx);
});
afterAll(() => ctx.close());

const send = (caller: Caller | null, method: InjectOptions['method'], url: string, payload?: unknown) =>
  callApi(ctx, caller ? asToken(caller) : null, { method, url, payload });

/** One request per staff operation, with a body that would be valid for the published course. */
function staffRequests(): Array<[string, InjectOptions['method'], string, unknown]> {
  const { key, sectionKey, unitKey, blockKey, runCode } = world.published;
  const course = `/api/v1/courses/${key}`;
  return [
    ['updateCourse', 'PATCH', course, { level: 'advanced' }],
    ['getCourseDraft', 'GET', `${course}/draft`, undefined],
    ['revertCourseDraft', 'POST', `${course}/draft/revert`, undefined],
    ['publishCourse', 'POST', `${course}/releases`, { message: 'x' }],
    ['listCourseReleases', 'GET', `${course}/releases`, undefined],
    ['createCourseRun', 'POST', `${course}/runs`, { code: 'R-9', pacing: 'self_paced', language: 'en' }],
    ['updateCourseRun', 'PATCH', `${course}/runs/${runCode}`, { capacity: 50 }],
    ['createSection', 'POST', `${course}/sections`, { title: 'Week 9' }],
    ['updateSection', 'PATCH', `${course}/sections/${sectionKey}`, { title: 'Week one' }],
    ['moveSection', 'POST', `${course}/sections/${sectionKey}/position`, { position: 0 }],
    ['deleteSection', 'DELETE', `${course}/sections/${sectionKey}`, undefined],
    ['createUnit', 'POST', `${course}/sections/${sectionKey}/units`, { title: 'More' }],
    ['updateUnit', 'PATCH', `${course}/units/${unitKey}`, { title: 'Records, again' }],
    ['moveUnit', 'POST', `${course}/units/${unitKey}/position`, { sectionKey, position: 0 }],
    ['deleteUnit', 'DELETE', `${course}/units/${unitKey}`, undefined],
    ['createBlock', 'POST', `${course}/units/${unitKey}/blocks`, { type: 'text', title: 'T', body: 'B' }],
    ['updateBlock', 'PUT', `${course}/blocks/${blockKey}`, { type: 'text', title: 'T', body: 'B' }],
    ['moveBlock', 'POST', `${course}/blocks/${blockKey}/position`, { unitKey, position: 0 }],
    ['deleteBlock', 'DELETE', `${course}/blocks/${blockKey}`, undefined],
  ];
}

describe('who may call the staff operations', () => {
  it('asks anonymous callers to sign in, on every staff operation and on createCourse', async () => {
    for (const [name, method, url, payload] of staffRequests()) {
      expect((await send(null, method, url, payload)).statusCode, name).toBe(401);
    }
    expectProblem(await send(null, 'POST', '/api/v1/courses', {}), 401);
  });

  it('refuses learners and other institutions’ admins: 403 on a published course, 404 on a draft', async () => {
    for (const caller of [world.learner, world.adminB]) {
      for (const [name, method, url, payload] of staffRequests()) {
        expect((await send(caller, method, url, payload)).statusCode, `${name}`).toBe(403);
        const hidden = url.replace(world.published.key, world.unpublishedKey);
        expect((await send(caller, method, hidden, payload)).statusCode, `${name} (draft)`).toBe(404);
      }
    }
  });

  it('lets the owning institution’s admin and a teaching assistant read the draft but not change it', async () => {
    for (const caller of [world.adminA, world.assistant]) {
      expect((await send(caller, 'GET', `/api/v1/courses/${world.published.key}/draft`)).statusCode).toBe(200);
      expect((await send(caller, 'GET', `/api/v1/courses/${world.published.key}/releases`)).statusCode).toBe(200);
      expectProblem(await send(caller, 'POST', `/api/v1/courses/${world.published.key}/sections`, { title: 'X' }), 403);
    }
  });

  it('lets an author edit content but neither publish nor open runs', async () => {
    const course = `/api/v1/courses/${world.published.key}`;
    expect((await send(world.author, 'POST', `${course}/sections`, { title: 'Extra' })).statusCode).toBe(201);
    expectProblem(await send(world.author, 'POST', `${course}/releases`, {}), 403);
    expectProblem(
      await send(world.author, 'POST', `${course}/runs`, { code: 'A1', pacing: 'self_paced', language: 'en' }),
      403,
    );
  });

  it('lets an instructor open a run but not publish', async () => {
    const course = `/api/v1/courses/${world.published.key}`;
    const run = await send(world.instructor, 'POST', `${course}/runs`, {
      code: 'I-1',
      pacing: 'self_paced',
      language: 'en',
    });
    expect(run.statusCode).toBe(201);
    expectProblem(await send(world.instructor, 'POST', `${course}/releases`, {}), 403);
  });

  it('refuses createCourse to a learner and to an admin for another institution', async () => {
    const body = { key: uniqueCourseKey(), leadInstitutionId: world.memberA.id, metadata: SAMPLE_METADATA };
    expectProblem(await send(world.learner, 'POST', '/api/v1/courses', body), 403);
    expectProblem(await send(world.adminB, 'POST', '/api/v1/courses', body), 403);
  });
});

describe('validation', () => {
  const course = () => `/api/v1/courses/${world.published.key}`;

  it('explains each invalid field in readable words', async () => {
    const empty = expectProblem(await send(world.leadInstructor, 'POST', `${course()}/sections`, { title: '  ' }), 400);
    expect(empty.errors).toEqual([{ field: 'body.title', message: 'must not be empty' }]);
    const unknown = expectProblem(
      await send(world.leadInstructor, 'POST', `${course()}/sections`, { title: 'A', isAdmin: true }),
      400,
    );
    expect(unknown.detail).toContain('isAdmin');
    const run = expectProblem(
      await send(world.leadInstructor, 'POST', `${course()}/runs`, {
        code: 'S-1',
        pacing: 'scheduled',
        language: 'en',
      }),
      400,
    );
    expect(run.detail).toContain('startsAt: is required for a scheduled run');
    const block = await send(world.leadInstructor, 'POST', `${course()}/units/${world.published.unitKey}/blocks`, {
      type: 'link',
      title: 'Docs',
      url: 'javascript:alert(1)',
    });
    expect(expectProblem(block, 400).detail).toContain('http');
  });

  it('refuses a taken key with a 409 and an unknown section with a 404', async () => {
    const taken = { key: world.published.key, leadInstitutionId: world.memberA.id, metadata: SAMPLE_METADATA };
    expectProblem(await send(world.leadInstructor, 'POST', '/api/v1/courses', taken), 409);
    expectProblem(await send(world.leadInstructor, 'PATCH', `${course()}/sections/section-none`, { title: 'A' }), 404);
  });
});

describe('a course from creation to the catalog', () => {
  it('stays invisible until published, then shows on its page, in search and in the MOOChub feed', async () => {
    const key = uniqueCourseKey('journey');
    const lead = world.leadInstructor;
    const created = await callApi(ctx, asSession(lead), {
      method: 'POST',
      url: '/api/v1/courses',
      payload: {
        key,
        leadInstitutionId: world.memberA.id,
        partnerInstitutionIds: [world.memberB.id],
        metadata: SAMPLE_METADATA,
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key, draft: true, joint: true });
    const course = `/api/v1/courses/${key}`;
    const patched = await send(lead, 'PATCH', course, { level: 'intermediate', title: { en: 'Ocean Data' } });
    expect(patched.json()).toMatchObject({ level: 'intermediate', title: { en: 'Ocean Data' }, languages: ['en'] });

    const section = (await send(lead, 'POST', `${course}/sections`, { title: 'Start' })).json();
    const unit = (await send(lead, 'POST', `${course}/sections/${section.key}/units`, { title: 'Tides' })).json();
    const text = await send(lead, 'POST', `${course}/units/${unit.key}/blocks`, {
      type: 'text',
      title: 'Intro',
      body: 'Waves.',
    });
    expect(text.json()).toMatchObject({ type: 'text', title: 'Intro', block: { body: 'Waves.' } });
    const quiz = {
      type: 'quiz',
      title: 'Check',
      questions: [{ id: 'q1', kind: 'numeric', prompt: 'How many tides a day?', answer: 2 }],
    };
    const quizBlock = (await send(lead, 'POST', `${course}/units/${unit.key}/blocks?position=0`, quiz)).json();
    const draft = (await send(lead, 'GET', `${course}/draft`)).json();
    expect(draft.sections[0].units[0].blocks.map((block: { key: string }) => block.key)).toEqual([
      quizBlock.key,
      text.json().key,
    ]);
    expect(draft.hasUnpublishedChanges).toBe(true);

    expectProblem(await send(null, 'GET', course), 404);
    expectProblem(await send(world.learner, 'GET', `${course}/runs`), 404);

    const release = await send(lead, 'POST', `${course}/releases`, { message: 'Ready' });
    expect(release.statusCode).toBe(201);
    expect(release.json()).toMatchObject({ number: 1, message: 'Ready' });
    const page = (await send(null, 'GET', course)).json();
    expect(page).toMatchObject({
      draft: false,
      displayTitle: 'Ocean Data',
      syllabus: [{ title: 'Start', units: [{ title: 'Tides' }] }],
    });
    expect(page.owners.map((owner: { role: string }) => owner.role)).toEqual(['lead', 'partner']);

    await indexInCatalog(ctx, key);
    const search = (await send(null, 'GET', '/api/v1/courses?q=ocean')).json();
    expect(search.items.map((item: { key: string }) => item.key)).toContain(key);
    const feed = (await send(null, 'GET', '/api/v1/moochub/courses?page[size]=100')).json();
    const item = feed.data.find((entry: { attributes: { courseCode: string } }) => entry.attributes.courseCode === key);
    expect(item.attributes.creator).toHaveLength(2);

    expect((await send(lead, 'GET', `${course}/releases`)).json().items).toHaveLength(1);
    expectProblem(await send(lead, 'POST', `${course}/releases`, {}), 409);
  });

  it('moves, renames, deletes and reverts within the draft', async () => {
    const lead = world.leadInstructor;
    const course = `/api/v1/courses/${world.published.key}`;
    const extra = (await send(lead, 'POST', `${course}/sections`, { title: 'Later', position: 0 })).json();
    expect((await send(lead, 'POST', `${course}/sections/${extra.key}/position`, { position: 99 })).statusCode).toBe(
      204,
    );
    expect((await send(lead, 'PATCH', `${course}/sections/${extra.key}`, { title: 'Much later' })).statusCode).toBe(
      204,
    );
    expect((await send(lead, 'DELETE', `${course}/sections/${extra.key}`)).statusCode).toBe(204);
    expect((await send(lead, 'POST', `${course}/draft/revert`)).statusCode).toBe(204);
    const draft = (await send(lead, 'GET', `${course}/draft`)).json();
    expect(draft.sections.map((section: { title: string }) => section.title)).toEqual(['Week 1']);
    expect(draft.hasUnpublishedChanges).toBe(false);
    const run = await send(lead, 'PATCH', `${course}/runs/${world.published.runCode}`, { capacity: 500 });
    expect(run.json()).toMatchObject({ code: world.published.runCode, capacity: 500 });
  });
});
