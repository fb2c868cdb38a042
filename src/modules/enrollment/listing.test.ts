import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { DAY, createEnrollmentWorld, type EnrollmentWorld } from './enrollment-test-fixtures.ts';
import {
  bulkEnroll,
  enrollInRun,
  listMyEnrollments,
  listMyRunEnrollments,
  listRunLearners,
  unenrollFromRun,
} from './index.ts';
import { enrollForTest } from './test-helpers.ts';

let handle: DatabaseHandle;
let world: EnrollmentWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createEnrollmentWorld(handle.db);
});
afterAll(() => handle.close());

describe("a learner's enrollments", () => {
  it('lists active enrollments with course and run, the latest change first', async () => {
    const first = await world.openRun();
    const second = await world.openRun();
    const left = await world.openRun();
    const { user, ctx } = await world.learner();
    await enrollInRun(ctx, world.key, first.code);
    world.clock.advance(DAY);
    await enrollInRun(ctx, world.key, second.code);
    await enrollInRun(ctx, world.key, left.code);
    world.clock.advance(DAY);
    await unenrollFromRun(ctx, world.key, left.code);
    const mine = await listMyEnrollments(ctx);
    expect(mine.map((item) => item.run.code)).toEqual([second.code, first.code]);
    expect(mine[0]).toMatchObject({
      course: { id: world.cast.course.id, key: world.key, uuid: world.cast.course.uuid },
      run: { id: second.id, releaseId: second.releaseId },
      enrollment: { userId: user.id, status: 'active' },
    });
    expect((await listMyEnrollments(ctx, { status: 'all' })).map((item) => item.run.code)).toEqual([
      left.code,
      second.code,
      first.code,
    ]);
    expect((await listMyEnrollments(ctx, { status: 'unenrolled' })).map((item) => item.run.code)).toEqual([left.code]);
    const perRun = await listMyRunEnrollments(ctx, [first.id, left.id, 999_999]);
    expect([...perRun.keys()].sort()).toEqual([first.id, left.id].sort());
  });

  it('is only for signed-in people and rejects unknown filters', async () => {
    await expect(listMyEnrollments(world.cast.anonymous)).rejects.toMatchObject({ kind: 'unauthenticated' });
    const { ctx } = await world.learner();
    await expect(listMyEnrollments(ctx, { status: 'everything' as 'all' })).rejects.toMatchObject({ kind: 'invalid' });
    expect(await listMyRunEnrollments(world.cast.anonymous, [1])).toEqual(new Map());
  });
});

describe("a run's learners", () => {
  it('pages, filters by status and by part of a name or address, and counts', async () => {
    const run = await world.openRun({ capacity: 100 });
    const emails = await world.insertAccounts('roster', 55);
    await bulkEnroll(world.cast.leadInstructor.ctx, world.key, run.code, emails);
    const leaver = await world.learner();
    await enrollInRun(leaver.ctx, world.key, run.code);
    await unenrollFromRun(leaver.ctx, world.key, run.code);
    const staff = world.cast.teachingAssistant.ctx;
    const first = await listRunLearners(staff, world.key, run.code);
    expect(first).toMatchObject({ total: 56, page: 1, pageSize: 50, pageCount: 2 });
    expect(first.counts).toEqual({ active: 55, unenrolled: 1, seatsLeft: 45 });
    expect(first.items).toHaveLength(50);
    expect(first.items.every((item) => item.name !== '' && item.email.includes('@'))).toBe(true);
    expect(first.items[1]).toMatchObject({ name: expect.stringContaining('roster learner') });
    expect((await listRunLearners(staff, world.key, run.code, { page: 2 })).items).toHaveLength(6);
    const gone = await listRunLearners(staff, world.key, run.code, { status: 'unenrolled' });
    expect(gone.items.map((item) => item.email)).toEqual([leaver.user.email]);
    const found = await listRunLearners(staff, world.key, run.code, { q: 'ROSTER-5' });
    expect(found.items.map((item) => item.email).sort()).toEqual(
      ['roster-5@bulk.example.test', ...Array.from({ length: 6 }, (_, i) => `roster-5${i}@bulk.example.test`)].sort(),
    );
    expect((await listRunLearners(staff, world.key, run.code, { q: '%' })).total).toBe(0);
  });

  it('is for staff who may see learners, and validates the query', async () => {
    const run = await world.openRun();
    const { cast } = world;
    for (const person of [cast.author, cast.otherAdmin, cast.learner]) {
      await expect(listRunLearners(person.ctx, world.key, run.code)).rejects.toMatchObject({ kind: 'forbidden' });
    }
    await expect(listRunLearners(cast.ownerAdmin.ctx, world.key, run.code)).resolves.toMatchObject({ total: 0 });
    await expect(listRunLearners(cast.leadInstructor.ctx, world.key, run.code, { page: 0 })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });
});

describe('enrollForTest', () => {
  it('writes one row per person and keeps the seat counter in step', async () => {
    const run = await world.openRun({ capacity: 2 });
    const { user, ctx } = await world.learner();
    const at = new Date('2024-01-01T00:00:00Z');
    const enrollment = await enrollForTest(handle.db, run, user.id, { enrolledAt: at });
    expect(enrollment).toMatchObject({ status: 'active', enrolledAt: at });
    await enrollForTest(handle.db, run, user.id, { enrolledAt: at });
    const other = await world.learner();
    await enrollInRun(other.ctx, world.key, run.code);
    await expect(enrollInRun((await world.learner()).ctx, world.key, run.code)).rejects.toMatchObject({
      code: 'enrollment.full',
    });
    expect((await listMyEnrollments(ctx))[0]!.enrollment.uuid).toBe(enrollment.uuid);
  });
});
