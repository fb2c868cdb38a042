import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listOutboxEvents } from '../../platform/outbox/index.ts';
import { overrideGrade } from './api-grading.ts';
import { selectCourseGrade } from './grades-store.ts';
import { createGradesWorld, storeQuizScoreForTest, type GradesWorld } from './grades-test-fixtures.ts';

let handle: DatabaseHandle;
let world: GradesWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createGradesWorld(handle.db);
});
afterAll(() => handle.close());

describe('overrideGrade', () => {
  it('sets an override with its reason, audits it and announces the pass it brings', async () => {
    const { learner } = await world.buildEnrolledLearner();
    const ta = world.cast.teachingAssistant;
    const result = await overrideGrade(ta.ctx, world.key, world.run.code, learner.enrollment.uuid, {
      grade: 0.75,
      reason: '  Oral examination passed  ',
    });
    expect(result).toMatchObject({ computed: 0, override: 0.75, grade: 0.75, passed: true, newlyPassed: true });
    expect(await selectCourseGrade(handle.db, learner.enrollment.id)).toMatchObject({
      override: 0.75,
      overrideReason: 'Oral examination passed',
      overriddenBy: ta.user.id,
    });
    const [audit] = await listAuditEvents(handle.db, {
      action: 'grade.override_set',
      objectId: learner.enrollment.uuid,
    });
    expect(audit).toMatchObject({
      actorId: ta.user.id,
      objectType: 'enrollment',
      institutionId: world.cast.lead.id,
      before: null,
      after: { computed: 0, override: 0.75, reason: 'Oral examination passed' },
    });
    const events = await listOutboxEvents(handle.db, { topic: 'course.passed' });
    expect(events.filter((event) => event.payload.enrollmentUuid === learner.enrollment.uuid)).toHaveLength(1);
  });

  it('clears an override, audited with what it was', async () => {
    const { learner } = await world.buildEnrolledLearner();
    await storeQuizScoreForTest(handle.db, learner, world.quizzes.exam, 2, 5);
    const lead = world.cast.leadInstructor.ctx;
    await overrideGrade(lead, world.key, world.run.code, learner.enrollment.uuid, { grade: 0.3, reason: 'Late work' });
    const cleared = await overrideGrade(lead, world.key, world.run.code, learner.enrollment.uuid, {
      grade: null,
      reason: 'Typed into the wrong row',
    });
    expect(cleared).toMatchObject({ override: null, computed: 0.24, grade: 0.24, passed: false });
    const [audit] = await listAuditEvents(handle.db, {
      action: 'grade.override_cleared',
      objectId: learner.enrollment.uuid,
    });
    expect(audit).toMatchObject({
      before: { override: 0.3, overrideReason: 'Late work' },
      after: { override: null, reason: 'Typed into the wrong row' },
    });
  });

  it('refuses grades outside 0..1 and reasons that are too short, too long or not text', async () => {
    const { learner } = await world.buildEnrolledLearner();
    const lead = world.cast.leadInstructor.ctx;
    const attempt = (input: { grade: number | null; reason: string }) =>
      overrideGrade(lead, world.key, world.run.code, learner.enrollment.uuid, input);
    for (const input of [
      { grade: 1.2, reason: 'Too much' },
      { grade: -0.1, reason: 'Too little' },
      { grade: Number.NaN, reason: 'Not a number' },
      { grade: 0.5, reason: 'ab' },
      { grade: 0.5, reason: 'x'.repeat(501) },
      { grade: 0.5, reason: 'bell\u0007' },
    ]) {
      await expect(attempt(input)).rejects.toMatchObject({ kind: 'invalid', code: 'grade.invalid_override' });
    }
    expect(await selectCourseGrade(handle.db, learner.enrollment.id)).toBeNull();
  });

  it('finds only enrollments of this run', async () => {
    const lead = world.cast.leadInstructor.ctx;
    const input = { grade: 0.5, reason: 'Whatever it is' };
    for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      await expect(overrideGrade(lead, world.key, world.run.code, id, input)).rejects.toMatchObject({
        kind: 'not_found',
      });
    }
    const elsewhere = await createGradesWorld(handle.db, { helpers: world.helpers });
    const { learner } = await elsewhere.buildEnrolledLearner();
    await expect(overrideGrade(lead, world.key, world.run.code, learner.enrollment.uuid, input)).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('is for those who grade: not owner admins, authors, learners or strangers', async () => {
    const { learner, ctx } = await world.buildEnrolledLearner();
    const { cast } = world;
    const input = { grade: 0.9, reason: 'Because I can' };
    const uuid = learner.enrollment.uuid;
    for (const person of [cast.ownerAdmin, cast.partnerAdmin, cast.author, cast.otherAdmin, cast.learner, { ctx }]) {
      await expect(overrideGrade(person.ctx, world.key, world.run.code, uuid, input)).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    await expect(overrideGrade(cast.anonymous, world.key, world.run.code, uuid, input)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    for (const person of [cast.instructor, cast.teachingAssistant, cast.leadInstructor]) {
      await expect(overrideGrade(person.ctx, world.key, world.run.code, uuid, input)).resolves.toMatchObject({
        override: 0.9,
      });
    }
    expect(await selectCourseGrade(handle.db, learner.enrollment.id)).toMatchObject({ override: 0.9 });
  });
});
