import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { addPartnerInstitution, createRun, publishCourse, updateCourseMetadata } from '../courses/index.ts';
import { createCourseTestHelpers, type CourseCast } from '../courses/test-helpers.ts';
import { rebuildCatalog, searchCatalog, startCatalogIndexing, stopCatalogIndexing } from './index.ts';

let handle: DatabaseHandle;
let helpers: ReturnType<typeof createCourseTestHelpers>;
let cast: CourseCast;

const metadata = {
  title: { en: 'Glaciers and Sea Level', 'zh-Hans': '冰川与海平面' },
  shortDescription: { en: 'How melting ice raises the oceans.' },
  description: { en: '## Why it matters\n\nCoastal **cities** plan for rising seas.' },
  languages: ['en'],
  subjects: ['natural_sciences' as const],
  effort: { hoursPerWeek: 3, weeks: 5 },
};

function search(q: string) {
  return searchCatalog(handle.db, { q, now: new Date('2027-01-10T00:00:00Z') });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  startCatalogIndexing();
  cast = await helpers.buildCourseWithTeam({ metadata });
});
afterAll(async () => {
  stopCatalogIndexing();
  await handle.close();
});

describe('the catalog kept in step with courses', () => {
  it('does not list a course before its first publish', async () => {
    expect((await search('glaciers')).total).toBe(0);
  });

  it('lists a course once published, found in English, in Chinese and misspelled', async () => {
    await publishCourse(cast.leadInstructor.ctx, cast.course.key, { message: 'First edition' });
    expect((await search('glaciers')).items.map((hit) => hit.key)).toEqual([cast.course.key]);
    expect((await search('冰川')).items.map((hit) => hit.key)).toEqual([cast.course.key]);
    expect((await search('glaciars')).items.map((hit) => hit.key)).toEqual([cast.course.key]);
  });

  it('shows a draft title only after it is published', async () => {
    await updateCourseMetadata(cast.leadInstructor.ctx, cast.course.key, {
      ...metadata,
      title: { en: 'Ice Sheets and Sea Level' },
    });
    expect((await search('glaciers')).total).toBe(1);
    expect((await search('sheets')).total).toBe(0);
    await publishCourse(cast.leadInstructor.ctx, cast.course.key, { message: 'Renamed' });
    expect((await search('sheets')).total).toBe(1);
  });

  it('follows runs and owners as they change', async () => {
    await createRun(cast.leadInstructor.ctx, cast.course.key, {
      code: '2027-T1',
      pacing: 'scheduled',
      language: 'en',
      startsAt: '2027-03-01T00:00:00Z',
      endsAt: '2027-05-01T00:00:00Z',
    });
    const [hit] = (await search('sheets')).items;
    expect(hit?.nextRun?.code).toBe('2027-T1');
    await addPartnerInstitution(cast.leadInstructor.ctx, cast.course.key, cast.other.id);
    const [after] = (await search('sheets')).items;
    expect(after?.owners.map((owner) => owner.key)).toEqual([cast.lead.key, cast.partner.key, cast.other.key]);
    expect(after?.joint).toBe(true);
  });

  it('rebuilds every entry from the courses on demand', async () => {
    expect(await rebuildCatalog(handle.db)).toBe(1);
    expect((await search('sheets')).total).toBe(1);
  });
});
