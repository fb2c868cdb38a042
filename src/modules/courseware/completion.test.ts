import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listMyStatements } from '../records/index.ts';
import { createCoursewareWorld, toCompletable, type CoursewareWorld } from './courseware-test-fixtures.ts';
import { markBlockCompleted, summarizeProgress } from './index.ts';

let handle: DatabaseHandle;
let world: CoursewareWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createCoursewareWorld(handle.db);
});
afterAll(() => handle.close());

describe('markBlockCompleted', () => {
  it('completes a block once, keeps the first completion and records one completed statement', async () => {
    const person = await world.helpers.buildLearner();
    const learner = await world.enroll(person, world.runs.selfPaced);
    const at = world.helpers.clock.now();
    const quiz = toCompletable(world.blocks.quiz);
    const first = await handle.db.transaction((tx) => markBlockCompleted(tx, learner, quiz, 'submitted', at));
    const again = await handle.db.transaction((tx) => markBlockCompleted(tx, learner, quiz, 'marked', at));
    expect([first, again]).toEqual([true, false]);
    const { statements } = await listMyStatements(person.ctx, { verb: 'completed' });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      object: { id: expect.stringContaining(`/xapi/activities/quiz/${quiz.uuid}`) },
      context: { registration: learner.enrollment.uuid },
      result: { completion: true },
    });
  });

  it('takes exactly the contract’s block shape and rolls back with the caller’s transaction', async () => {
    const person = await world.helpers.buildLearner();
    const learner = await world.enroll(person, world.runs.selfPaced);
    const { entityId, versionId, uuid, block } = world.blocks.text;
    const shape = { entityId, versionId, uuid, title: block.title };
    await expect(
      handle.db.transaction(async (tx) => {
        await markBlockCompleted(tx, learner, shape, 'viewed', world.helpers.clock.now());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await summarizeProgress(handle.db, learner)).completedBlocks).toBe(0);
    expect(await markBlockCompleted(handle.db, learner, shape, 'viewed', world.helpers.clock.now())).toBe(true);
    expect((await summarizeProgress(handle.db, learner)).completedBlocks).toBe(1);
  });
});

describe('summarizeProgress', () => {
  it('counts the release’s blocks, the completed ones and no unit before the first visit', async () => {
    const learner = await world.enroll(await world.helpers.buildLearner(), world.runs.selfPaced);
    expect(await summarizeProgress(handle.db, learner)).toEqual({
      completedBlocks: 0,
      totalBlocks: 7,
      lastUnitKey: null,
    });
    const at = world.helpers.clock.now();
    await markBlockCompleted(handle.db, learner, toCompletable(world.blocks.video), 'watched', at);
    await markBlockCompleted(handle.db, learner, toCompletable(world.blocks.closing), 'marked', at);
    expect(await summarizeProgress(handle.db, learner)).toMatchObject({ completedBlocks: 2, totalBlocks: 7 });
  });

  it('ignores completions of blocks the run’s release does not have', async () => {
    const learner = await world.enroll(await world.helpers.buildLearner(), world.runs.selfPaced);
    const stranger = { entityId: 987_654_321, versionId: 1, uuid: crypto.randomUUID(), title: 'Gone' };
    await markBlockCompleted(handle.db, learner, stranger, 'viewed', world.helpers.clock.now());
    expect((await summarizeProgress(handle.db, learner)).completedBlocks).toBe(0);
  });
});
