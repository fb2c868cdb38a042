import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listRunStatementsUnchecked } from '../records/index.ts';
import { DAY, createEnrollmentWorld, type EnrollmentWorld } from './enrollment-test-fixtures.ts';
import { countActiveLearners, enrollInRun, enrollSelf, leaveRun, unenrollFromRun } from './index.ts';

let handle: DatabaseHandle;
let world: EnrollmentWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createEnrollmentWorld(handle.db);
});
afterAll(() => handle.close());

const verbsOf = async (runId: number) =>
  (await listRunStatementsUnchecked(handle.db, runId)).statements.map((statement) => statement.verb.display['en-US']);

async function seatsOf(runId: number): Promise<number> {
  return (await countActiveLearners(handle.db, [runId])).get(runId)!;
}

describe('enrolling in a run', () => {
  it('enrolls a signed-in person in audit mode and records a registered statement', async () => {
    const run = await world.openRun();
    const { user, ctx } = await world.learner();
    const enrollment = await enrollInRun(ctx, world.key, run.code);
    expect(enrollment).toMatchObject({
      runId: run.id,
      courseId: world.cast.course.id,
      userId: user.id,
      mode: 'audit',
      status: 'active',
      source: 'self',
      enrolledAt: world.clock.now(),
      unenrolledAt: null,
    });
    const [statement] = (await listRunStatementsUnchecked(handle.db, run.id)).statements;
    expect(statement).toMatchObject({
      actor: { account: { name: user.id } },
      verb: { display: { 'en-US': 'registered' } },
      context: { registration: enrollment.uuid },
    });
    expect(statement!.object.id).toContain(run.uuid);
    expect(await seatsOf(run.id)).toBe(1);
  });

  it('changes nothing when the person is already enrolled', async () => {
    const run = await world.openRun();
    const { ctx } = await world.learner();
    const first = await enrollSelf(ctx, world.key, run.code);
    const second = await enrollSelf(ctx, world.key, run.code);
    expect(first.changed).toBe(true);
    expect(second).toMatchObject({ enrollment: first.enrollment, changed: false, run: { id: run.id } });
    expect(await verbsOf(run.id)).toEqual(['registered']);
    expect(await seatsOf(run.id)).toBe(1);
  });

  it('reactivates the same enrollment after leaving and keeps the first enrollment date', async () => {
    const run = await world.openRun();
    const { ctx } = await world.learner();
    const first = await enrollInRun(ctx, world.key, run.code);
    world.clock.advance(3 * DAY);
    const left = await unenrollFromRun(ctx, world.key, run.code);
    expect(left).toMatchObject({ uuid: first.uuid, status: 'unenrolled', unenrolledAt: world.clock.now() });
    expect(await seatsOf(run.id)).toBe(0);
    world.clock.advance(3 * DAY);
    const back = await enrollInRun(ctx, world.key, run.code);
    expect(back).toMatchObject({ id: first.id, uuid: first.uuid, status: 'active', unenrolledAt: null });
    expect(back.enrolledAt).toEqual(first.enrolledAt);
    expect(await verbsOf(run.id)).toEqual(['registered', 'exited', 'registered']);
    expect(await seatsOf(run.id)).toBe(1);
  });

  it('leaving twice changes nothing, and leaving a run never joined is not found', async () => {
    const run = await world.openRun();
    const { ctx } = await world.learner();
    await enrollInRun(ctx, world.key, run.code);
    expect((await leaveRun(ctx, world.key, run.code)).changed).toBe(true);
    expect((await leaveRun(ctx, world.key, run.code)).changed).toBe(false);
    expect(await verbsOf(run.id)).toEqual(['registered', 'exited']);
    const stranger = await world.learner();
    await expect(unenrollFromRun(stranger.ctx, world.key, run.code)).rejects.toMatchObject({
      code: 'enrollment.not_found',
    });
  });

  it('follows the enrollment window, both ends included', async () => {
    const now = world.clock.now().getTime();
    const later = await world.openRun({ enrollmentOpensAt: new Date(now + DAY) });
    const over = await world.openRun({ enrollmentClosesAt: new Date(now - 1) });
    const opening = await world.openRun({ enrollmentOpensAt: new Date(now), enrollmentClosesAt: new Date(now + DAY) });
    const closing = await world.openRun({ enrollmentOpensAt: new Date(now - DAY), enrollmentClosesAt: new Date(now) });
    const { ctx } = await world.learner();
    await expect(enrollInRun(ctx, world.key, later.code)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'enrollment.not_open_yet',
    });
    await expect(enrollInRun(ctx, world.key, over.code)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'enrollment.closed',
    });
    await expect(enrollInRun(ctx, world.key, opening.code)).resolves.toMatchObject({ status: 'active' });
    await expect(enrollInRun(ctx, world.key, closing.code)).resolves.toMatchObject({ status: 'active' });
  });

  it('refuses re-enrolling once the window has closed, but keeps a current enrollment', async () => {
    const now = world.clock.now().getTime();
    const run = await world.openRun({ enrollmentClosesAt: new Date(now + DAY) });
    const stays = await world.learner();
    const leaves = await world.learner();
    await enrollInRun(stays.ctx, world.key, run.code);
    await enrollInRun(leaves.ctx, world.key, run.code);
    await unenrollFromRun(leaves.ctx, world.key, run.code);
    world.clock.advance(2 * DAY);
    await expect(enrollInRun(stays.ctx, world.key, run.code)).resolves.toMatchObject({ status: 'active' });
    await expect(enrollInRun(leaves.ctx, world.key, run.code)).rejects.toMatchObject({ code: 'enrollment.closed' });
  });

  it('answers not found for an unknown run or a course never published, and asks strangers to sign in', async () => {
    const { ctx } = await world.learner();
    await expect(enrollInRun(ctx, world.key, 'no-such-run')).rejects.toMatchObject({ kind: 'not_found' });
    const draft = await world.helpers.buildCourse();
    await expect(enrollInRun(ctx, draft.course.key, 'R1')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(enrollInRun(ctx, 'no-such-course', 'R1')).rejects.toMatchObject({ kind: 'not_found' });
    const run = await world.openRun();
    await expect(enrollInRun(world.cast.anonymous, world.key, run.code)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(unenrollFromRun(world.cast.anonymous, world.key, run.code)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });
});

describe('capacity', () => {
  it('gives the last seat to exactly one of twenty people enrolling at once', async () => {
    const run = await world.openRun({ capacity: 3 });
    for (let index = 0; index < 2; index += 1) await enrollInRun((await world.learner()).ctx, world.key, run.code);
    const crowd = await Promise.all(Array.from({ length: 20 }, () => world.learner()));
    const results = await Promise.allSettled(crowd.map(({ ctx }) => enrollInRun(ctx, world.key, run.code)));
    const enrolled = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(enrolled).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const result of refused) expect(result.reason).toMatchObject({ kind: 'conflict', code: 'enrollment.full' });
    expect(await seatsOf(run.id)).toBe(3);
  });

  it('frees a seat when someone leaves', async () => {
    const run = await world.openRun({ capacity: 1 });
    const first = await world.learner();
    const second = await world.learner();
    await enrollInRun(first.ctx, world.key, run.code);
    await expect(enrollInRun(second.ctx, world.key, run.code)).rejects.toMatchObject({ code: 'enrollment.full' });
    await unenrollFromRun(first.ctx, world.key, run.code);
    await expect(enrollInRun(second.ctx, world.key, run.code)).resolves.toMatchObject({ status: 'active' });
    await expect(enrollInRun(first.ctx, world.key, run.code)).rejects.toMatchObject({ code: 'enrollment.full' });
  });

  it('counts one person enrolling twice at once only once', async () => {
    const run = await world.openRun({ capacity: 5 });
    const { ctx } = await world.learner();
    const results = await Promise.all(Array.from({ length: 5 }, () => enrollSelf(ctx, world.key, run.code)));
    expect(results.filter((result) => result.changed)).toHaveLength(1);
    expect(new Set(results.map((result) => result.enrollment.uuid)).size).toBe(1);
    expect(await seatsOf(run.id)).toBe(1);
  });
});
