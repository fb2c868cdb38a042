import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createCoursewareWorld, unenrollForCoursewareTest, type CoursewareWorld } from './courseware-test-fixtures.ts';
import { getUnit, listMyLearning, markBlockComplete, markBlockCompleted, reportBlockProgress } from './index.ts';

let handle: DatabaseHandle;
let world: CoursewareWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createCoursewareWorld(handle.db);
});
afterAll(() => handle.close());

describe('my learning', () => {
  it('splits current runs from ended or completed ones, with progress and where to resume', async () => {
    const person = await world.helpers.buildLearner();
    await world.enroll(person, world.runs.selfPaced);
    await world.enroll(person, world.runs.later);
    await world.enroll(person, world.runs.ended);
    await getUnit(person.ctx, world.key, 'SP', world.units.practice.key);
    const { current, finished } = await listMyLearning(person.ctx);
    expect(current.map((entry) => [entry.run.code, entry.phase]).sort()).toEqual([
      ['LATER', 'not_started'],
      ['SP', 'open'],
    ]);
    expect(current.find((entry) => entry.run.code === 'SP')).toMatchObject({
      course: { key: world.key },
      metadata: { title: { en: 'Climate Data 101' } },
      progress: { completedBlocks: 0, totalBlocks: 7 },
      resumeUnitKey: world.units.practice.key,
      finished: false,
    });
    expect(finished.map((entry) => entry.run.code)).toEqual(['PAST']);
  });

  it('counts a run whose every block is complete as finished, and leaves out runs left', async () => {
    const person = await world.helpers.buildLearner();
    const learner = await world.enroll(person, world.runs.selfPaced);
    const left = await world.enroll(person, world.runs.later);
    await unenrollForCoursewareTest(handle.db, left);
    for (const unit of Object.values(world.units)) await getUnit(person.ctx, world.key, 'SP', unit.key);
    for (const video of [world.blocks.video, world.blocks.interview]) {
      await reportBlockProgress(person.ctx, world.key, 'SP', video.key, { complete: true });
    }
    expect((await listMyLearning(person.ctx)).finished).toEqual([]);
    await handle.db.transaction(async (tx) => {
      const { quiz } = world.blocks;
      const block = { entityId: quiz.entityId, versionId: quiz.versionId, uuid: quiz.uuid, title: quiz.block.title };
      await markBlockCompleted(tx, learner, block, 'submitted', world.helpers.clock.now());
    });
    const { current, finished } = await listMyLearning(person.ctx);
    expect(current).toEqual([]);
    expect(finished).toMatchObject([{ run: { code: 'SP' }, progress: { completedBlocks: 7, totalBlocks: 7 } }]);
  });

  it('is only for signed-in people', async () => {
    await expect(listMyLearning(world.cast.anonymous)).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(markBlockComplete(world.cast.anonymous, world.key, 'SP', 'u', 'b')).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });
});
