import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createCoursewareWorld, type CoursewareWorld } from './courseware-test-fixtures.ts';
import { getCourseOutline, getResumeUnitKey, getUnit, markBlockComplete, summarizeProgress } from './index.ts';

let handle: DatabaseHandle;
let world: CoursewareWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createCoursewareWorld(handle.db);
});
afterAll(() => handle.close());

describe('the course outline', () => {
  it('lists sections, units and blocks with completion and progress per section and overall', async () => {
    const person = await world.helpers.buildLearner();
    const learner = await world.enroll(person, world.runs.selfPaced);
    await getUnit(person.ctx, world.key, 'SP', world.units.welcome.key);
    await markBlockComplete(person.ctx, world.key, 'SP', world.units.wrapUp.key, world.blocks.closing.key);
    const outline = await getCourseOutline(person.ctx, world.key, 'SP');
    expect(outline).toMatchObject({
      reader: 'learner',
      phase: 'open',
      course: { key: world.key },
      run: { code: 'SP' },
      metadata: { title: { en: 'Climate Data 101' } },
      progress: { completedBlocks: 4, totalBlocks: 7 },
      lastUnitKey: world.units.welcome.key,
      resumeUnitKey: world.units.welcome.key,
    });
    expect(outline.sections.map((section) => [section.title, section.completedBlocks, section.totalBlocks])).toEqual([
      ['Week 1', 3, 5],
      ['Week 2', 1, 2],
    ]);
    const welcome = outline.sections[0]!.units[0]!;
    expect(welcome.blocks.map((block) => [block.type, block.completed])).toEqual([
      ['text', true],
      ['link', true],
      ['file', true],
      ['video', false],
    ]);
    expect(await summarizeProgress(handle.db, learner)).toEqual({
      completedBlocks: 4,
      totalBlocks: 7,
      lastUnitKey: world.units.welcome.key,
    });
  });

  it('writes nothing when read', async () => {
    const person = await world.helpers.buildLearner();
    const learner = await world.enroll(person, world.runs.selfPaced);
    await getCourseOutline(person.ctx, world.key, 'SP');
    expect(await summarizeProgress(handle.db, learner)).toEqual({
      completedBlocks: 0,
      totalBlocks: 7,
      lastUnitKey: null,
    });
  });
});

describe('resuming', () => {
  it('starts at the first unit and then returns to the last one opened', async () => {
    const person = await world.helpers.buildLearner();
    await world.enroll(person, world.runs.selfPaced);
    expect(await getResumeUnitKey(person.ctx, world.key, 'SP')).toBe(world.units.welcome.key);
    await getUnit(person.ctx, world.key, 'SP', world.units.wrapUp.key);
    expect(await getResumeUnitKey(person.ctx, world.key, 'SP')).toBe(world.units.wrapUp.key);
    expect((await getCourseOutline(person.ctx, world.key, 'SP')).resumeUnitKey).toBe(world.units.wrapUp.key);
  });

  it('sends staff to the first unit', async () => {
    expect(await getResumeUnitKey(world.cast.teachingAssistant.ctx, world.key, 'SP')).toBe(world.units.welcome.key);
  });
});
