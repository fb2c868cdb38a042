import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { addSection, countInstitutionCourses, listInstitutionCourses, publishCourse } from './index.ts';
import { createCourseTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: ReturnType<typeof createCourseTestHelpers>;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
});
afterAll(() => handle.close());

describe('the courses of an institution', () => {
  it('can be counted and listed a few at a time, newest release first', async () => {
    const lead = await helpers.buildInstitution();
    const keys: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const { course, leadInstructor } = await helpers.buildCourse({ lead });
      await addSection(leadInstructor.ctx, course.key, { title: 'Week 1' });
      await publishCourse(leadInstructor.ctx, course.key, { message: 'First' });
      keys.push(course.key);
    }
    await helpers.buildCourse({ lead });
    expect(await countInstitutionCourses(handle.db, lead.id)).toBe(3);
    const newest = await listInstitutionCourses(handle.db, lead.id, { limit: 2 });
    expect(newest.map((listing) => listing.key)).toEqual([keys[2], keys[1]]);
    expect(await listInstitutionCourses(handle.db, lead.id)).toHaveLength(3);
  });
});
