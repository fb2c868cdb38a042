import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listMyStatements } from '../records/index.ts';
import { createCoursewareWorld, type CoursewareWorld } from './courseware-test-fixtures.ts';
import { VIDEO_PROGRESS_EXTENSION } from './statements.ts';
import { getUnit, markBlockComplete, reportBlockProgress } from './index.ts';

let handle: DatabaseHandle;
let world: CoursewareWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createCoursewareWorld(handle.db);
});
afterAll(() => handle.close());

async function newLearner(run = world.runs.selfPaced) {
  const person = await world.helpers.buildLearner();
  await world.enroll(person, run);
  return person;
}

describe('video progress', () => {
  it('merges reported ranges on the server, clamped to the video’s duration', async () => {
    const { ctx } = await newLearner();
    const video = world.blocks.video.key;
    const first = await reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[0, 30]], positionSeconds: 30 });
    expect(first.watched).toMatchObject({ watchedSeconds: 30, durationSeconds: 100, fraction: 0.3 });
    const second = await reportBlockProgress(ctx, world.key, 'SP', video, {
      ranges: [
        [20, 50],
        [95, 400],
      ],
      durationSeconds: 5,
    });
    // The block's own duration wins over the player's.
    expect(second.watched).toMatchObject({ watchedSeconds: 55, durationSeconds: 100, positionSeconds: 30 });
    expect(second.completion).toBeNull();
  });

  it('rounds reports to milliseconds, so subnormal numbers never reach the database', async () => {
    const { ctx } = await newLearner();
    const video = world.blocks.interview.key;
    const tiny = await reportBlockProgress(ctx, world.key, 'SP', video, {
      ranges: [[5e-324, 1.23456789]],
      positionSeconds: 5e-324,
      durationSeconds: 10.0000001,
    });
    expect(tiny.watched).toMatchObject({ watchedSeconds: 1.235, durationSeconds: 10, positionSeconds: 0 });
    expect(tiny.watched?.fraction).toBeCloseTo(0.1235);
    await expect(
      reportBlockProgress((await newLearner()).ctx, world.key, 'SP', video, { durationSeconds: 1e-300 }),
    ).rejects.toMatchObject({ code: 'courseware.duration_unknown' });
  });

  it('completes a video as watched at 90 % and not before', async () => {
    const { ctx } = await newLearner();
    const video = world.blocks.video.key;
    const almost = await reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[0, 89.9]] });
    expect(almost).toMatchObject({ completion: null, newlyCompleted: false });
    const done = await reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[89.9, 90]] });
    expect(done).toMatchObject({ completion: { kind: 'watched' }, newlyCompleted: true });
    const again = await reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[90, 100]] });
    expect(again).toMatchObject({ completion: { kind: 'watched' }, newlyCompleted: false });
    expect((await listMyStatements(ctx, { verb: 'completed' })).statements).toHaveLength(1);
  });

  it('records progressed at 25, 50 and 75 %, once each', async () => {
    const { ctx } = await newLearner();
    const video = world.blocks.video.key;
    await reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[0, 20]] });
    await reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[20, 60]] });
    await reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[0, 60]] });
    await reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[60, 80]] });
    const { statements } = await listMyStatements(ctx, { verb: 'progressed' });
    expect(statements.map((statement) => statement.result?.extensions?.[VIDEO_PROGRESS_EXTENSION])).toEqual([
      0.25, 0.5, 0.75,
    ]);
    expect(statements[0]?.context.contextActivities.parent?.[0]?.id).toContain(world.units.welcome.uuid);
  });

  it('takes the player’s duration when the block has none, and needs one', async () => {
    const { ctx } = await newLearner();
    const video = world.blocks.interview.key;
    await expect(reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[0, 10]] })).rejects.toMatchObject({
      code: 'courseware.duration_unknown',
    });
    const reported = await reportBlockProgress(ctx, world.key, 'SP', video, {
      ranges: [[0, 10]],
      durationSeconds: 40,
    });
    expect(reported.watched).toMatchObject({ watchedSeconds: 10, durationSeconds: 40 });
    const shrunk = await reportBlockProgress(ctx, world.key, 'SP', video, { ranges: [[10, 20]], durationSeconds: 20 });
    expect(shrunk.watched).toMatchObject({ watchedSeconds: 20, durationSeconds: 40 });
  });

  it('shows the learner what they watched when they come back to the unit', async () => {
    const { ctx } = await newLearner();
    await reportBlockProgress(ctx, world.key, 'SP', world.blocks.video.key, { ranges: [[0, 40]], positionSeconds: 40 });
    const view = await getUnit(ctx, world.key, 'SP', world.units.welcome.key);
    const video = view.blocks.find((block) => block.type === 'video');
    expect(video?.type === 'video' && video.watched).toMatchObject({ fraction: 0.4, positionSeconds: 40 });
  });
});

describe('marking a block complete', () => {
  it('marks any non-quiz block, once, in its own unit only', async () => {
    const { ctx } = await newLearner();
    const marked = await markBlockComplete(ctx, world.key, 'SP', world.units.welcome.key, world.blocks.video.key);
    expect(marked).toMatchObject({ completion: { kind: 'marked' }, newlyCompleted: true, watched: null });
    const again = await reportBlockProgress(ctx, world.key, 'SP', world.blocks.video.key, { complete: true });
    expect(again.newlyCompleted).toBe(false);
    await expect(
      markBlockComplete(ctx, world.key, 'SP', world.units.practice.key, world.blocks.text.key),
    ).rejects.toMatchObject({ code: 'block.not_found' });
  });

  it('never completes a quiz, which needs a submitted attempt', async () => {
    const { ctx } = await newLearner();
    await expect(
      markBlockComplete(ctx, world.key, 'SP', world.units.practice.key, world.blocks.quiz.key),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'courseware.quiz_needs_submission' });
  });

  it('refuses playback reports on blocks that are not videos, and malformed ones', async () => {
    const { ctx } = await newLearner();
    await expect(
      reportBlockProgress(ctx, world.key, 'SP', world.blocks.text.key, { ranges: [[0, 1]] }),
    ).rejects.toMatchObject({ kind: 'invalid', code: 'courseware.not_a_video' });
    const malformed = { ranges: [[0, Number.NaN]], extra: 1 } as unknown as Parameters<typeof reportBlockProgress>[4];
    await expect(reportBlockProgress(ctx, world.key, 'SP', world.blocks.video.key, malformed)).rejects.toMatchObject({
      kind: 'invalid',
      code: 'courseware.progress_invalid',
    });
  });
});

describe('who may report progress, and when', () => {
  it('refuses staff, who only preview, and learners of another run', async () => {
    const other = await newLearner(world.runs.later);
    for (const ctx of [world.cast.teachingAssistant.ctx, world.cast.leadInstructor.ctx, other.ctx]) {
      await expect(
        reportBlockProgress(ctx, world.key, 'SP', world.blocks.video.key, { complete: true }),
      ).rejects.toMatchObject({ code: 'enrollment.required' });
    }
    await expect(
      reportBlockProgress(world.cast.anonymous, world.key, 'SP', world.blocks.video.key, { complete: true }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it('refuses reports before a scheduled run starts and after a run ends', async () => {
    const early = await newLearner(world.runs.later);
    await expect(
      reportBlockProgress(early.ctx, world.key, 'LATER', world.blocks.video.key, { ranges: [[0, 10]] }),
    ).rejects.toMatchObject({ code: 'courseware.not_started' });
    const late = await newLearner(world.runs.ended);
    await expect(
      markBlockComplete(late.ctx, world.key, 'PAST', world.units.welcome.key, world.blocks.text.key),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'courseware.run_ended' });
  });
});
