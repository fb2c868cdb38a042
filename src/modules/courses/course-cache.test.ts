import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { DEFAULT_HOT_PATH_TTL_MS, configureHotPathCaches } from '../../platform/cache/index.ts';
import type { Database, DatabaseHandle } from '../../platform/db/index.ts';
import {
  addPartnerInstitution,
  changeTeamRole,
  createRun,
  getCourseByKey,
  getRun,
  moveRunToRelease,
  readCourseCapabilities,
  removePartnerInstitution,
  removeTeamMember,
  updateCourseMetadata,
  updateRun,
  type CourseRun,
} from './index.ts';
import { publishForTest } from './team-test-fixtures.ts';
import { createCourseTestHelpers, type CourseCast, type CourseTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let cast: CourseCast;
let releases: Array<{ id: number }>;
let run: CourseRun;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  cast = await helpers.buildCourseWithTeam();
  const first = await publishForTest(handle.db, cast.course, helpers.clock.now());
  await updateCourseMetadata(cast.author.ctx, cast.course.key, { title: { en: 'Second' }, languages: ['en'] });
  releases = [first, await publishForTest(handle.db, cast.course, helpers.clock.now())];
  run = await createRun(cast.leadInstructor.ctx, cast.course.key, {
    code: 'cached',
    pacing: 'self_paced',
    language: 'en',
    capacity: 100,
  });
});
afterAll(() => handle.close());
afterEach(() => configureHotPathCaches({ ttlMs: DEFAULT_HOT_PATH_TTL_MS, now: Date.now }));

/** Changes a run's row behind the module's back, as another process's write looks from here. */
async function setCapacityElsewhere(capacity: number): Promise<void> {
  await handle.db.execute(sql`update crs_run set capacity = ${capacity} where id = ${run.id}`);
}

/** The database seen through a counter of the queries started on it. */
function countingSelects(db: Database): { db: Database; selects: () => number } {
  let selects = 0;
  const proxy = new Proxy(db, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property === 'select') selects += 1;
        return (value as (...inner: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: proxy, selects: () => selects };
}

describe('the course cache', () => {
  it('shows this process’s run changes on the next read', async () => {
    expect((await getRun(handle.db, cast.course.id, 'cached'))?.capacity).toBe(100);
    await updateRun(cast.leadInstructor.ctx, cast.course.key, 'cached', { capacity: 250 });
    expect((await getRun(handle.db, cast.course.id, 'cached'))?.capacity).toBe(250);
    await moveRunToRelease(cast.leadInstructor.ctx, cast.course.key, 'cached', releases[0]!.id);
    expect((await getRun(handle.db, cast.course.id, 'cached'))?.releaseId).toBe(releases[0]!.id);
  });

  it('shows this process’s owner changes on the next read', async () => {
    const owners = async () => (await getCourseByKey(handle.db, cast.course.key))?.owners.map((o) => o.institutionId);
    expect(await owners()).toEqual([cast.lead.id, cast.partner.id]);
    await addPartnerInstitution(cast.leadInstructor.ctx, cast.course.key, cast.other.id);
    expect(await owners()).toEqual([cast.lead.id, cast.partner.id, cast.other.id]);
    await removePartnerInstitution(cast.leadInstructor.ctx, cast.course.key, cast.other.id);
    expect(await owners()).toEqual([cast.lead.id, cast.partner.id]);
  });

  it('keeps another process’s change for at most the TTL, and never inside a transaction', async () => {
    // Past the settling of the changes the tests above made.
    const clock = { now: Date.now() + 60_000 };
    configureHotPathCaches({ ttlMs: 10_000, now: () => clock.now });
    await setCapacityElsewhere(300);
    clock.now += 10_000;
    expect((await getRun(handle.db, cast.course.id, 'cached'))?.capacity).toBe(300);
    await setCapacityElsewhere(400);
    clock.now += 9_999;
    expect((await getRun(handle.db, cast.course.id, 'cached'))?.capacity).toBe(300);
    expect((await handle.db.transaction((tx) => getRun(tx, cast.course.id, 'cached')))?.capacity).toBe(400);
    clock.now += 1;
    expect((await getRun(handle.db, cast.course.id, 'cached'))?.capacity).toBe(400);
  });

  it('never keeps a course before its first release', async () => {
    const { course } = await helpers.buildCourse();
    expect((await getCourseByKey(handle.db, course.key))?.latestReleaseId).toBeNull();
    const release = await publishForTest(handle.db, course, helpers.clock.now());
    expect((await getCourseByKey(handle.db, course.key))?.latestReleaseId).toBe(release.id);
  });

  it('hands out frozen values, so one reader cannot change another’s', async () => {
    const course = (await getCourseByKey(handle.db, cast.course.key))!;
    const cachedRun = (await getRun(handle.db, cast.course.id, 'cached'))!;
    expect(Object.isFrozen(course.owners[0])).toBe(true);
    expect(() => (cachedRun.gradingPolicy.assignmentTypes as unknown[]).push({})).toThrow(TypeError);
  });

  it('loads a course and all its owners in three queries', async () => {
    const partners = [
      await helpers.buildInstitution(),
      await helpers.buildInstitution(),
      await helpers.buildInstitution(),
    ];
    const { course } = await helpers.buildCourse({ partners });
    const counted = countingSelects(handle.db);
    const loaded = await getCourseByKey(counted.db, course.key);
    expect(loaded?.owners).toHaveLength(4);
    expect(counted.selects()).toBe(3);
  });
});

describe('the team role cache', () => {
  async function capabilitiesOf(person: CourseCast['author']) {
    const course = (await getCourseByKey(handle.db, cast.course.key))!;
    return readCourseCapabilities(person.ctx, course);
  }

  it('applies a role change and a removal from the team to the very next request', async () => {
    // Past the settling of the team built for these tests.
    configureHotPathCaches({ ttlMs: 10_000, now: () => Date.now() + 60_000 });
    const { author } = cast;
    expect((await capabilitiesOf(author)).has('view_learners')).toBe(false);
    await changeTeamRole(cast.leadInstructor.ctx, cast.course.key, author.user.id, 'teaching_assistant');
    expect((await capabilitiesOf(author)).has('view_learners')).toBe(true);
    await removeTeamMember(cast.leadInstructor.ctx, cast.course.key, author.user.id);
    expect((await capabilitiesOf(author)).size).toBe(0);
  });

  it('keeps "not on the team" too, for at most the TTL when another process adds someone', async () => {
    const clock = { now: Date.now() + 120_000 };
    configureHotPathCaches({ ttlMs: 10_000, now: () => clock.now });
    const outsider = cast.otherAdmin;
    expect((await capabilitiesOf(outsider)).has('view_learners')).toBe(false);
    await handle.db.execute(
      sql`insert into crs_team_member (course_id, user_id, institution_id, role, added_at) values (${cast.course.id}, ${outsider.user.id}, ${cast.lead.id}, 'instructor', now())`,
    );
    expect((await capabilitiesOf(outsider)).has('view_learners')).toBe(false);
    clock.now += 10_001;
    expect((await capabilitiesOf(outsider)).has('view_learners')).toBe(true);
  });
});
