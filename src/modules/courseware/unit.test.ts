import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { addBlock, addSection, addUnit, createRun, publishCourse } from '../courses/index.ts';
import { listMyStatements } from '../records/index.ts';
import { lrsStatement } from '../records/schema.ts';
import {
  SECRET,
  createCoursewareWorld,
  unenrollForCoursewareTest,
  type CoursewareWorld,
} from './courseware-test-fixtures.ts';
import { getCourseOutline, getUnit } from './index.ts';
import { cwrCompletion, cwrPosition, cwrVideoProgress } from './schema.ts';

let handle: DatabaseHandle;
let world: CoursewareWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createCoursewareWorld(handle.db);
});
afterAll(() => handle.close());

async function countRows() {
  const { db } = handle;
  const [completions] = await db.select({ n: count() }).from(cwrCompletion);
  const [positions] = await db.select({ n: count() }).from(cwrPosition);
  const [videos] = await db.select({ n: count() }).from(cwrVideoProgress);
  const [statements] = await db.select({ n: count() }).from(lrsStatement);
  return { completions: completions!.n, positions: positions!.n, videos: videos!.n, statements: statements!.n };
}

async function readPosition(enrollmentId: number) {
  const [row] = await handle.db.select().from(cwrPosition).where(eq(cwrPosition.enrollmentId, enrollmentId));
  return row ?? null;
}

describe('a learner opening a unit', () => {
  it('gets its blocks with previous and next units across sections', async () => {
    const person = await world.helpers.buildLearner();
    await world.enroll(person, world.runs.selfPaced);
    const practice = await getUnit(person.ctx, world.key, 'SP', world.units.practice.key);
    expect(practice).toMatchObject({
      reader: 'learner',
      section: { key: expect.any(String), title: 'Week 1', number: 1 },
      unit: { key: world.units.practice.key, title: 'Practice', number: 2 },
      previous: { key: world.units.welcome.key, title: 'Welcome' },
      next: { key: world.units.wrapUp.key, title: 'Wrap-up' },
    });
    const first = await getUnit(person.ctx, world.key, 'SP', world.units.welcome.key);
    expect(first.previous).toBeNull();
    expect(first.blocks.map((block) => block.type)).toEqual(['text', 'link', 'file', 'video']);
    expect((await getUnit(person.ctx, world.key, 'SP', world.units.wrapUp.key)).next?.title).toBe('Extras');
    const empty = await getUnit(person.ctx, world.key, 'SP', world.units.extras.key);
    expect(empty).toMatchObject({ blocks: [], next: null, unit: { number: 2 } });
  });

  it('completes text, link and file blocks as viewed, but neither videos nor quizzes', async () => {
    const person = await world.helpers.buildLearner();
    await world.enroll(person, world.runs.selfPaced);
    const view = await getUnit(person.ctx, world.key, 'SP', world.units.welcome.key);
    expect(view.blocks.map((block) => [block.type, block.completion?.kind ?? null])).toEqual([
      ['text', 'viewed'],
      ['link', 'viewed'],
      ['file', 'viewed'],
      ['video', null],
    ]);
    const quizUnit = await getUnit(person.ctx, world.key, 'SP', world.units.practice.key);
    expect(quizUnit.blocks[0]?.completion).toBeNull();
    const { statements } = await listMyStatements(person.ctx, { verb: 'completed' });
    expect(statements).toHaveLength(3);
  });

  it('presents a discussion block with its prompt and completes it as viewed, like text', async () => {
    // A release of its own with a run of its own: the shared runs keep serving the first release.
    const { ctx } = world.cast.leadInstructor;
    const section = await addSection(ctx, world.key, { title: 'Week 3' });
    const unit = await addUnit(ctx, world.key, section.key, { title: 'Your turn' });
    const block = await addBlock(ctx, world.key, unit.key, {
      type: 'discussion',
      title: 'Materials where you live',
      prompt: 'Share **one** example.',
    });
    await publishCourse(ctx, world.key, { message: 'A discussion' });
    const run = await createRun(ctx, world.key, { code: 'TALK', pacing: 'self_paced', language: 'en' });
    const person = await world.helpers.buildLearner();
    await world.enroll(person, run);
    const view = await getUnit(person.ctx, world.key, 'TALK', unit.key);
    expect(view.blocks).toEqual([
      {
        key: block.key,
        uuid: block.uuid,
        entityId: block.entityId,
        versionId: expect.any(Number),
        type: 'discussion',
        title: 'Materials where you live',
        prompt: 'Share **one** example.',
        completion: { kind: 'viewed', completedAt: expect.any(Date) },
      },
    ]);
    const { statements } = await listMyStatements(person.ctx, { verb: 'completed' });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      object: {
        id: expect.stringContaining(`/xapi/activities/discussion/${block.uuid}`),
        definition: { type: 'http://adlnet.gov/expapi/activities/lesson' },
      },
    });
  });

  it('moves the position and records "experienced" only when arriving from another unit', async () => {
    const person = await world.helpers.buildLearner();
    const learner = await world.enroll(person, world.runs.selfPaced);
    await getUnit(person.ctx, world.key, 'SP', world.units.welcome.key);
    const first = await readPosition(learner.enrollment.id);
    expect(first?.unitEntityId).toBe(world.units.welcome.entityId);
    const before = await countRows();
    world.helpers.clock.advance(60_000);
    await getUnit(person.ctx, world.key, 'SP', world.units.welcome.key);
    await getUnit(person.ctx, world.key, 'SP', world.units.welcome.key);
    expect(await countRows()).toEqual(before);
    expect((await readPosition(learner.enrollment.id))?.visitedAt).toEqual(first?.visitedAt);
    await getUnit(person.ctx, world.key, 'SP', world.units.practice.key);
    const moved = await readPosition(learner.enrollment.id);
    expect(moved?.unitEntityId).toBe(world.units.practice.entityId);
    expect(moved?.visitedAt.getTime()).toBeGreaterThan(first!.visitedAt.getTime());
    const { statements } = await listMyStatements(person.ctx, { verb: 'experienced' });
    expect(statements.map((statement) => statement.object.id)).toEqual([
      expect.stringContaining(`/unit/${world.units.welcome.uuid}`),
      expect.stringContaining(`/unit/${world.units.practice.uuid}`),
    ]);
    expect(statements[0]?.context.registration).toBe(learner.enrollment.uuid);
  });

  it('never receives a quiz’s answers, feedback or explanations', async () => {
    const person = await world.helpers.buildLearner();
    await world.enroll(person, world.runs.selfPaced);
    const view = await getUnit(person.ctx, world.key, 'SP', world.units.practice.key);
    expect(view.blocks[0]).toEqual({
      key: world.blocks.quiz.key,
      uuid: world.blocks.quiz.uuid,
      entityId: world.blocks.quiz.entityId,
      versionId: world.blocks.quiz.versionId,
      title: 'Check your understanding',
      completion: null,
      type: 'quiz',
      mode: 'graded',
      assignmentType: 'Homework',
      questionCount: 4,
      points: 5,
      attemptsAllowed: 2,
    });
    const text = JSON.stringify(view.blocks);
    for (const secret of [SECRET.feedback, SECRET.explanation, SECRET.accepted, String(SECRET.numeric)]) {
      expect(text).not.toContain(secret);
    }
    for (const field of ['"correct"', '"acceptedAnswers"', '"answer"', '"feedback"', '"explanation"', '"questions"']) {
      expect(text).not.toContain(field);
    }
  });
});

describe('who may open a unit', () => {
  it('lets staff with view_learners preview it without writing anything', async () => {
    const before = await countRows();
    for (const staff of [world.cast.teachingAssistant, world.cast.ownerAdmin, world.cast.leadInstructor]) {
      const view = await getUnit(staff.ctx, world.key, 'SP', world.units.welcome.key);
      expect(view).toMatchObject({ reader: 'staff', learner: null });
      expect(view.blocks.every((block) => block.completion === null)).toBe(true);
      expect((await getCourseOutline(staff.ctx, world.key, 'LATER')).reader).toBe('staff');
      await getUnit(staff.ctx, world.key, 'LATER', world.units.welcome.key);
    }
    expect(await countRows()).toEqual(before);
  });

  it('refuses authors, outsiders, anonymous visitors and learners of another run', async () => {
    const enrolledElsewhere = await world.helpers.buildLearner();
    await world.enroll(enrolledElsewhere, world.runs.later);
    const refused = { kind: 'forbidden', code: 'enrollment.required' };
    for (const ctx of [
      world.cast.author.ctx,
      world.cast.otherAdmin.ctx,
      world.cast.learner.ctx,
      enrolledElsewhere.ctx,
    ]) {
      await expect(getUnit(ctx, world.key, 'SP', world.units.welcome.key)).rejects.toMatchObject(refused);
      await expect(getCourseOutline(ctx, world.key, 'SP')).rejects.toMatchObject(refused);
    }
    await expect(getUnit(world.cast.anonymous, world.key, 'SP', world.units.welcome.key)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });

  it('refuses a learner who unenrolled', async () => {
    const person = await world.helpers.buildLearner();
    const learner = await world.enroll(person, world.runs.selfPaced);
    await unenrollForCoursewareTest(handle.db, learner);
    await expect(getUnit(person.ctx, world.key, 'SP', world.units.welcome.key)).rejects.toMatchObject({
      code: 'enrollment.required',
    });
  });

  it('finds nothing at addresses that do not exist or cannot', async () => {
    const person = await world.helpers.buildLearner();
    await world.enroll(person, world.runs.selfPaced);
    const cases: Array<[string, string, string, string]> = [
      [world.key, 'SP', 'unit-missing', 'unit.not_found'],
      [world.key, 'SP', 'bad key\u0000', 'unit.not_found'],
      [world.key, 'NOPE', world.units.welcome.key, 'run.not_found'],
      [world.key, '../x', world.units.welcome.key, 'run.not_found'],
      ['no-such-course', 'SP', world.units.welcome.key, 'course.not_found'],
      ['Bad Key', 'SP', world.units.welcome.key, 'course.not_found'],
    ];
    for (const [key, run, unit, code] of cases) {
      await expect(getUnit(person.ctx, key, run, unit)).rejects.toMatchObject({ kind: 'not_found', code });
    }
  });
});

describe('scheduled and ended runs', () => {
  it('show the outline before the start, but no unit', async () => {
    const person = await world.helpers.buildLearner();
    await world.enroll(person, world.runs.later);
    const outline = await getCourseOutline(person.ctx, world.key, 'LATER');
    expect(outline).toMatchObject({ phase: 'not_started', reader: 'learner' });
    expect(outline.sections).toHaveLength(2);
    await expect(getUnit(person.ctx, world.key, 'LATER', world.units.welcome.key)).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'courseware.not_started',
      details: { startsAt: world.runs.later.startsAt!.toISOString() },
    });
  });

  it('keep an ended run readable without recording anything', async () => {
    const person = await world.helpers.buildLearner();
    await world.enroll(person, world.runs.ended);
    const before = await countRows();
    const view = await getUnit(person.ctx, world.key, 'PAST', world.units.welcome.key);
    expect(view.phase).toBe('ended');
    expect(view.blocks.every((block) => block.completion === null)).toBe(true);
    expect(await countRows()).toEqual(before);
  });
});
