import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listOutboxEvents } from '../../platform/outbox/index.ts';
import {
  DEFAULT_GRADING_POLICY,
  createRun,
  getRun,
  listCourseRuns,
  moveRunToRelease,
  updateCourseMetadata,
  updateRun,
} from './index.ts';
import { RUN_GRADES_STALE_TOPIC } from './runs.ts';
import { publishForTest } from './team-test-fixtures.ts';
import { createCourseTestHelpers, type CourseCast, type CourseTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let cast: CourseCast;
let firstRelease: { id: number; number: number };
let secondRelease: { id: number; number: number };

const scheduled = {
  code: '2027-T1',
  pacing: 'scheduled' as const,
  language: 'en',
  enrollmentOpensAt: '2027-01-01T00:00:00Z',
  enrollmentClosesAt: '2027-03-01T00:00:00Z',
  startsAt: '2027-02-01T00:00:00Z',
  endsAt: '2027-05-01T00:00:00Z',
  capacity: 500,
};

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  cast = await helpers.buildCourseWithTeam();
});
afterAll(() => handle.close());

describe('runs of an unpublished course', () => {
  it('cannot be opened before the first release', async () => {
    await expect(createRun(cast.leadInstructor.ctx, cast.course.key, scheduled)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'course.not_published',
    });
  });
});

describe('runs', () => {
  beforeAll(async () => {
    firstRelease = await publishForTest(handle.db, cast.course, helpers.clock.now());
    await updateCourseMetadata(cast.author.ctx, cast.course.key, { title: { en: 'Second' }, languages: ['en'] });
    secondRelease = await publishForTest(handle.db, cast.course, helpers.clock.now());
  });

  it('opens a run on the latest release with defaults, and records it', async () => {
    const run = await createRun(cast.leadInstructor.ctx, cast.course.key, scheduled);
    expect(run).toMatchObject({
      code: '2027-T1',
      pacing: 'scheduled',
      releaseId: secondRelease.id,
      releaseNumber: 2,
      capacity: 500,
      certificatePolicy: 'none',
      gradingPolicy: DEFAULT_GRADING_POLICY,
      startsAt: new Date('2027-02-01T00:00:00Z'),
    });
    const [event] = await listAuditEvents(handle.db, { action: 'course.run_created' });
    expect(event).toMatchObject({ actorId: cast.leadInstructor.user.id, institutionId: cast.lead.id });
  });

  it('opens a self-paced run on a named release, by an instructor', async () => {
    const run = await createRun(cast.instructor.ctx, cast.course.key, {
      code: 'self-paced',
      pacing: 'self_paced',
      language: 'zh-Hans',
      releaseId: firstRelease.id,
      certificatePolicy: 'free_on_pass',
      gradingPolicy: { assignmentTypes: [{ name: 'Exam', weight: 1 }], passMark: 0.6 },
    });
    expect(run).toMatchObject({ releaseNumber: 1, startsAt: null, capacity: null, certificatePolicy: 'free_on_pass' });
    expect((await listCourseRuns(handle.db, cast.course.id)).map((entry) => entry.code)).toEqual([
      '2027-T1',
      'self-paced',
    ]);
    expect(await getRun(handle.db, cast.course.id, 'self-paced')).toMatchObject({ language: 'zh-Hans' });
    expect(await getRun(handle.db, cast.course.id, 'nothing')).toBeNull();
  });

  it('refuses a code twice, and a release of another course', async () => {
    await expect(createRun(cast.leadInstructor.ctx, cast.course.key, scheduled)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'run.code_taken',
    });
    const other = await helpers.buildCourse();
    const foreign = await publishForTest(handle.db, other.course, helpers.clock.now());
    await expect(
      createRun(cast.leadInstructor.ctx, cast.course.key, { ...scheduled, code: 'x', releaseId: foreign.id }),
    ).rejects.toMatchObject({ kind: 'invalid', details: { fields: [{ field: 'releaseId' }] } });
  });

  it.each([
    ['a bad code', { code: 'no spaces!' }, 'code'],
    ['a scheduled run without dates', { startsAt: undefined, endsAt: undefined }, 'startsAt'],
    ['an end before the start', { endsAt: '2027-01-15T00:00:00Z' }, 'endsAt'],
    ['enrollment closing before it opens', { enrollmentClosesAt: '2026-12-01T00:00:00Z' }, 'enrollmentClosesAt'],
    ['a bad language', { language: 'english' }, 'language'],
    ['a capacity of zero', { capacity: 0 }, 'capacity'],
    ['an unknown pacing', { pacing: 'sometimes' }, 'pacing'],
    ['an unknown certificate policy', { certificatePolicy: 'paid' }, 'certificatePolicy'],
    ['weights not adding up', { gradingPolicy: { assignmentTypes: [{ name: 'A', weight: 0.5 }] } }, 'gradingPolicy'],
    ['a date that is not one', { startsAt: 'soon' }, 'startsAt'],
  ])('rejects %s', async (_name, change, field) => {
    const input = { ...scheduled, code: 'bad-run', ...change } as typeof scheduled;
    const error = await createRun(cast.leadInstructor.ctx, cast.course.key, input).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'invalid', code: 'run.invalid' });
    const fields = (error as { details: { fields: { field: string }[] } }).details.fields.map((entry) => entry.field);
    expect(fields).toContain(field);
  });

  it('updates settings, checking the merged result', async () => {
    const updated = await updateRun(cast.instructor.ctx, cast.course.key, '2027-T1', {
      capacity: null,
      language: 'fr',
    });
    expect(updated).toMatchObject({ capacity: null, language: 'fr', startsAt: new Date('2027-02-01T00:00:00Z') });
    await expect(
      updateRun(cast.instructor.ctx, cast.course.key, '2027-T1', { endsAt: '2027-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({ kind: 'invalid', details: { fields: [{ field: 'endsAt' }] } });
    await expect(
      updateRun(cast.instructor.ctx, cast.course.key, 'self-paced', { pacing: 'scheduled' }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(updateRun(cast.instructor.ctx, cast.course.key, 'missing', { capacity: 3 })).rejects.toMatchObject({
      kind: 'not_found',
    });
    const [event] = await listAuditEvents(handle.db, { action: 'course.run_updated' });
    expect(event).toMatchObject({
      before: { capacity: 500, language: 'en' },
      after: { capacity: null, language: 'fr' },
    });
  });

  it('moves a run to another release only explicitly, with an audit row naming both numbers', async () => {
    const moved = await moveRunToRelease(cast.leadInstructor.ctx, cast.course.key, 'self-paced', secondRelease.id);
    expect(moved).toMatchObject({ releaseId: secondRelease.id, releaseNumber: 2 });
    const [event] = await listAuditEvents(handle.db, { action: 'course.run_moved' });
    expect(event).toMatchObject({
      actorId: cast.leadInstructor.user.id,
      institutionId: cast.lead.id,
      before: { releaseNumber: 1 },
      after: { releaseNumber: 2 },
    });
  });

  it('lets only lead instructors and instructors manage runs', async () => {
    for (const person of [
      cast.author,
      cast.teachingAssistant,
      cast.ownerAdmin,
      cast.partnerAdmin,
      cast.otherAdmin,
      cast.learner,
    ]) {
      await expect(createRun(person.ctx, cast.course.key, { ...scheduled, code: 'nope' })).rejects.toMatchObject({
        kind: 'forbidden',
      });
      await expect(updateRun(person.ctx, cast.course.key, '2027-T1', { capacity: 1 })).rejects.toMatchObject({
        kind: 'forbidden',
      });
      await expect(moveRunToRelease(person.ctx, cast.course.key, '2027-T1', firstRelease.id)).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    await expect(updateRun(cast.anonymous, cast.course.key, '2027-T1', { capacity: 1 })).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });
});

describe('stale grades', () => {
  const staleEvents = () => listOutboxEvents(handle.db, { topic: RUN_GRADES_STALE_TOPIC });
  const examOnly = { assignmentTypes: [{ name: 'Exam', weight: 1, dropLowest: 0 }], passMark: 0.7 };

  it('announces a changed grading policy once, in the change’s transaction, and nothing else', async () => {
    const run = await createRun(cast.leadInstructor.ctx, cast.course.key, { ...scheduled, code: 'stale-policy' });
    const before = (await staleEvents()).length;
    await updateRun(cast.instructor.ctx, cast.course.key, run.code, { capacity: 20, language: 'de' });
    await updateRun(cast.instructor.ctx, cast.course.key, run.code, { gradingPolicy: DEFAULT_GRADING_POLICY });
    // The same policy written in another key order and with its defaults left out is no change.
    await updateRun(cast.instructor.ctx, cast.course.key, run.code, {
      gradingPolicy: {
        passMark: 0.5,
        assignmentTypes: [
          { weight: 0.6, name: 'Homework' },
          { name: 'Exam', weight: 0.4 },
        ],
      },
    });
    expect(await staleEvents()).toHaveLength(before);
    await updateRun(cast.instructor.ctx, cast.course.key, run.code, { gradingPolicy: examOnly });
    const events = (await staleEvents()).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'pending', payload: { runId: run.id } });
    expect(events[0]!.dedupeKey).toMatch(new RegExp(`^run\\.grades_stale:${run.uuid}:\\d+:`));
    // Changing it back is another change: another event, even at the same instant.
    await updateRun(cast.instructor.ctx, cast.course.key, run.code, { gradingPolicy: DEFAULT_GRADING_POLICY });
    expect(await staleEvents()).toHaveLength(before + 2);
    await expect(
      updateRun(cast.instructor.ctx, cast.course.key, run.code, {
        gradingPolicy: examOnly,
        endsAt: '2020-01-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(await staleEvents()).toHaveLength(before + 2);
  });

  it('announces a move to another release, but not a move to the release it already serves', async () => {
    const run = await createRun(cast.leadInstructor.ctx, cast.course.key, {
      ...scheduled,
      code: 'stale-release',
      releaseId: firstRelease.id,
    });
    const before = (await staleEvents()).length;
    await moveRunToRelease(cast.leadInstructor.ctx, cast.course.key, run.code, firstRelease.id);
    expect(await staleEvents()).toHaveLength(before);
    await moveRunToRelease(cast.leadInstructor.ctx, cast.course.key, run.code, secondRelease.id);
    const events = (await staleEvents()).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({ runId: run.id });
  });
});
