import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { readDraftRoot } from './core.ts';
import { getDraftMetadata, updateCourseMetadata } from './index.ts';
import { addBlockForTest } from './team-test-fixtures.ts';
import { createCourseTestHelpers, type CourseCast, type CourseTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let cast: CourseCast;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  cast = await helpers.buildCourseWithTeam();
});
afterAll(() => handle.close());

describe('course metadata', () => {
  it('writes the next draft root version and keeps the sections', async () => {
    await addBlockForTest(
      handle.db,
      cast.course,
      { type: 'text', title: 'Welcome', body: 'Hello' },
      helpers.clock.now(),
    );
    const before = await readDraftRoot(handle.db, cast.course);
    await updateCourseMetadata(cast.author.ctx, cast.course.key, {
      title: { en: 'Climate Data', 'zh-Hans': '气候数据' },
      languages: ['en', 'zh-Hans'],
      subjects: ['natural_sciences'],
    });
    const after = await readDraftRoot(handle.db, cast.course);
    expect(after.children).toEqual(before.children);
    expect(after.children).toHaveLength(1);
    const metadata = await getDraftMetadata(cast.teachingAssistant.ctx, cast.course.key);
    expect(metadata).toMatchObject({ title: { 'zh-Hans': '气候数据' }, level: 'introductory', licence: 'CC-BY-4.0' });
  });

  it('lets lead instructors, instructors and authors edit, nobody else', async () => {
    for (const person of [cast.leadInstructor, cast.instructor, cast.author]) {
      await updateCourseMetadata(person.ctx, cast.course.key, { title: { en: 'Edited' }, languages: ['en'] });
    }
    for (const person of [cast.teachingAssistant, cast.ownerAdmin, cast.partnerAdmin]) {
      await expect(
        updateCourseMetadata(person.ctx, cast.course.key, { title: { en: 'No' }, languages: ['en'] }),
      ).rejects.toMatchObject({ kind: 'forbidden' });
    }
    for (const ctx of [cast.otherAdmin.ctx, cast.learner.ctx, cast.anonymous]) {
      await expect(
        updateCourseMetadata(ctx, cast.course.key, { title: { en: 'No' }, languages: ['en'] }),
      ).rejects.toMatchObject({ kind: 'not_found' });
      await expect(getDraftMetadata(ctx, cast.course.key)).rejects.toMatchObject({ kind: 'not_found' });
    }
    expect((await getDraftMetadata(cast.ownerAdmin.ctx, cast.course.key)).title).toEqual({ en: 'Edited' });
  });

  it('lists every invalid field', async () => {
    const error = await updateCourseMetadata(cast.author.ctx, cast.course.key, {
      title: {},
      languages: [],
      ectsCredits: 1.3,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'invalid', code: 'course.invalid' });
    const fields = (error as { details: { fields: { field: string }[] } }).details.fields.map((entry) => entry.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'languages', 'ectsCredits']));
  });
});
