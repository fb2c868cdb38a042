import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { addSection, addUnit, createRun, publishCourse, type NewRun } from '../courses/index.ts';
import { createCourseTestHelpers, type CourseCast } from '../courses/test-helpers.ts';

export const DAY = 86_400_000;

/**
 * A published course with its whole cast, and a way to open runs on it. Runs get unique codes so
 * each test works on its own run.
 */
export async function createEnrollmentWorld(db: Database) {
  const helpers = createCourseTestHelpers(db);
  const cast: CourseCast = await helpers.buildCourseWithTeam();
  const key = cast.course.key;
  const section = await addSection(cast.leadInstructor.ctx, key, { title: 'Week 1' });
  await addUnit(cast.leadInstructor.ctx, key, section.key, { title: 'Getting started' });
  await publishCourse(cast.leadInstructor.ctx, key, { message: 'First release' });
  let runs = 0;

  async function openRun(settings: Partial<NewRun> = {}) {
    runs += 1;
    return createRun(cast.leadInstructor.ctx, key, {
      code: `R${runs}`,
      pacing: 'self_paced',
      language: 'en',
      ...settings,
    } as NewRun);
  }

  async function learner(): Promise<{ user: { id: string; email: string }; ctx: ServiceContext }> {
    return helpers.buildLearner();
  }

  /** Accounts written straight into the table: bulk tests need many, and hashing passwords is slow. */
  async function insertAccounts(prefix: string, count: number): Promise<string[]> {
    await db.execute(sql`
      insert into idn_user (name, email)
      select ${`${prefix} learner `} || i, ${`${prefix}-`} || i || '@bulk.example.test'
      from generate_series(1, ${count}) as i`);
    return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}@bulk.example.test`);
  }

  return { helpers, cast, key, openRun, learner, insertAccounts, clock: helpers.clock };
}

export type EnrollmentWorld = Awaited<ReturnType<typeof createEnrollmentWorld>>;
