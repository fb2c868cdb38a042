import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { addBlock, addSection, addUnit, getDraftTree } from './index.ts';
import { createCourseTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: ReturnType<typeof createCourseTestHelpers>;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
});
afterAll(() => handle.close());

describe('keys chosen by the caller', () => {
  it('are kept, so an imported copy keeps the keys of its package', async () => {
    const { course, leadInstructor } = await helpers.buildCourse();
    const { ctx } = leadInstructor;
    await addSection(ctx, course.key, { title: 'Week 1', key: 'week-1' });
    await addUnit(ctx, course.key, 'week-1', { title: 'Start', key: 'start' });
    await addBlock(ctx, course.key, 'start', { type: 'text', title: 'Hello', body: 'Hi' }, undefined, 'hello');
    const tree = await getDraftTree(ctx, course.key);
    expect(tree.sections[0]?.key).toBe('week-1');
    expect(tree.sections[0]?.units[0]?.key).toBe('start');
    expect(tree.sections[0]?.units[0]?.blocks[0]?.key).toBe('hello');
  });

  it('are refused when taken, reserved or malformed, with nothing written', async () => {
    const { course, leadInstructor } = await helpers.buildCourse();
    const { ctx } = leadInstructor;
    await addSection(ctx, course.key, { title: 'Week 1', key: 'week-1' });
    await expect(addSection(ctx, course.key, { title: 'Again', key: 'week-1' })).rejects.toMatchObject({
      code: 'entity.key_taken',
    });
    await expect(addSection(ctx, course.key, { title: 'Root', key: 'root' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(addUnit(ctx, course.key, 'week-1', { title: 'Bad', key: '../x' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    const tree = await getDraftTree(ctx, course.key);
    expect(tree.sections.map((section) => section.title)).toEqual(['Week 1']);
    expect(tree.sections[0]?.units).toEqual([]);
  });
});
