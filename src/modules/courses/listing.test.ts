import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listInstitutionCourses, listMyCourses, updateCourseMetadata } from './index.ts';
import { publishForTest } from './team-test-fixtures.ts';
import { createCourseTestHelpers, sampleMetadata, type CourseCast, type CourseTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let cast: CourseCast;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  cast = await helpers.buildCourseWithTeam({ metadata: sampleMetadata('Ocean Physics') });
});
afterAll(() => handle.close());

describe('listMyCourses', () => {
  it('shows team members their courses with their role and the draft title', async () => {
    const expectations = [
      [cast.leadInstructor, 'lead_instructor'],
      [cast.instructor, 'instructor'],
      [cast.author, 'author'],
      [cast.teachingAssistant, 'teaching_assistant'],
    ] as const;
    for (const [person, role] of expectations) {
      const [summary, ...rest] = await listMyCourses(person.ctx);
      expect(rest).toEqual([]);
      expect(summary).toMatchObject({ key: cast.course.key, teamRole: role, title: { en: 'Ocean Physics' } });
    }
  });

  it('shows admins every course their institution owns and nothing of other institutions', async () => {
    const led = await helpers.buildCourse({ lead: cast.partner });
    const [owner] = await listMyCourses(cast.ownerAdmin.ctx);
    expect(owner).toMatchObject({ key: cast.course.key, teamRole: null, adminOf: [cast.lead.id] });
    expect((await listMyCourses(cast.ownerAdmin.ctx)).map((entry) => entry.key)).toEqual([cast.course.key]);
    expect((await listMyCourses(cast.partnerAdmin.ctx)).map((entry) => entry.key).sort()).toEqual(
      [cast.course.key, led.course.key].sort(),
    );
    expect(await listMyCourses(cast.otherAdmin.ctx)).toEqual([]);
    expect(await listMyCourses(cast.learner.ctx)).toEqual([]);
    await expect(listMyCourses(cast.anonymous)).rejects.toMatchObject({ kind: 'unauthenticated' });
  });
});

describe('listInstitutionCourses', () => {
  it('lists published courses of lead and partner owners with the released title', async () => {
    expect(await listInstitutionCourses(handle.db, cast.lead.id)).toEqual([]);
    const release = await publishForTest(handle.db, cast.course, helpers.clock.now());
    await updateCourseMetadata(cast.author.ctx, cast.course.key, { title: { en: 'Draft only' }, languages: ['en'] });
    const [asLead] = await listInstitutionCourses(handle.db, cast.lead.id);
    expect(asLead).toMatchObject({
      key: cast.course.key,
      institutionRole: 'lead',
      title: { en: 'Ocean Physics' },
      releaseId: release.id,
      releaseNumber: 1,
    });
    expect(asLead!.owners.map((owner) => owner.institutionId)).toEqual([cast.lead.id, cast.partner.id]);
    const asPartner = await listInstitutionCourses(handle.db, cast.partner.id);
    expect(asPartner.map((entry) => [entry.key, entry.institutionRole])).toEqual([[cast.course.key, 'partner']]);
    expect(await listInstitutionCourses(handle.db, cast.other.id)).toEqual([]);
    expect((await listMyCourses(cast.author.ctx))[0]).toMatchObject({
      title: { en: 'Draft only' },
      latestReleaseNumber: 1,
    });
  });
});
