import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { SYSTEM_ACTOR } from '../../platform/access/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { appendOutboxEvent, listOutboxEvents } from '../../platform/outbox/index.ts';
import { verbIri } from '../records/index.ts';
import { coursePassedDedupeKey, recomputeRunGrades } from './api-grading.ts';
import { selectCourseGrade } from './grades-store.ts';
import { createGradesWorld, seedLearnersForTest, type GradesWorld } from './grades-test-fixtures.ts';

/*
 * Thousands of learners at once, as a policy change would find them: the recompute groups alike
 * rows, writes the changed ones set-based and announces every first pass exactly once.
 */

let handle: DatabaseHandle;
let world: GradesWorld;
const LEARNERS = 4500;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createGradesWorld(handle.db);
  // Every third learner has a full exam (0.6 · 1 = 0.6, the pass mark); all grade rows are stale.
  await seedLearnersForTest(handle.db, world.run, LEARNERS, { quiz: world.quizzes.exam, score: 5, maxScore: 5 });
  await handle.db.execute(sql`
    insert into asm_course_grade (enrollment_id, run_id, user_id, computed, breakdown, passed, updated_at)
    select id, run_id, user_id, 0.25, '[{"type": "Homework", "average": 0, "weight": 0.4, "dropped": 0}]', false, now()
    from enr_enrollment where run_id = ${world.run.id}`);
}, 60_000);
afterAll(() => handle.close());

async function idsWhere(condition: ReturnType<typeof sql>): Promise<Array<{ id: number; uuid: string }>> {
  const result = (await handle.db.execute(sql`
    select e.id, e.uuid from enr_enrollment e
    left join asm_quiz_score q on q.enrollment_id = e.id
    where e.run_id = ${world.run.id} and ${condition} order by e.id limit 3`)) as unknown as {
    rows: Array<{ id: string | number; uuid: string }>;
  };
  return result.rows.map((row) => ({ id: Number(row.id), uuid: row.uuid }));
}

async function countPassedStatements(): Promise<number> {
  const result = (await handle.db.execute(sql`
    select count(*)::int as n from lrs_statement
    where run_id = ${world.run.id} and verb = ${verbIri('passed')}`)) as unknown as { rows: Array<{ n: number }> };
  return result.rows[0]!.n;
}

describe('recomputing thousands of grades', () => {
  it('writes every changed row and announces each first pass once, with its statement', async () => {
    const [lifted] = await idsWhere(sql`q.enrollment_id is null`);
    const [cappedPasser, announcedBefore] = await idsWhere(sql`q.enrollment_id is not null`);
    // Overrides count instead of the computed grade: one lifted over the pass mark, one held under it.
    await handle.db.execute(sql`update asm_course_grade set override = 0.95 where enrollment_id = ${lifted!.id}`);
    await handle.db.execute(sql`update asm_course_grade set override = 0.1 where enrollment_id = ${cappedPasser!.id}`);
    // An event already there (a pass announced by an earlier process): not written, nor stated, again.
    await appendOutboxEvent(handle.db, {
      topic: 'course.passed',
      dedupeKey: coursePassedDedupeKey(announcedBefore!.uuid),
      payload: {},
      at: new Date('2024-01-01T00:00:00Z'),
    });
    // Every third learner, less the one held under, plus the one lifted over.
    const passers = LEARNERS / 3 - 1 + 1;
    const system = { db: handle.db, clock: world.helpers.clock, actor: SYSTEM_ACTOR };

    const counts = await recomputeRunGrades(system, world.run.id, { batchSize: 1000 });
    expect(counts).toEqual({ runs: 1, examined: LEARNERS, changed: LEARNERS, newlyPassed: passers });
    expect(await listOutboxEvents(handle.db, { topic: 'course.passed' })).toHaveLength(passers);
    expect(await countPassedStatements()).toBe(passers - 1);
    expect(await selectCourseGrade(handle.db, lifted!.id)).toMatchObject({ computed: 0, override: 0.95, passed: true });
    expect(await selectCourseGrade(handle.db, cappedPasser!.id)).toMatchObject({ computed: 0.6, passed: false });
    expect(await selectCourseGrade(handle.db, announcedBefore!.id)).toMatchObject({
      computed: 0.6,
      passed: true,
      passedAt: world.helpers.clock.now(),
      breakdown: [
        { type: 'Homework', average: 0, weight: 0.4, dropped: 1 },
        { type: 'Exam', average: 1, weight: 0.6, dropped: 0 },
      ],
    });

    expect(await recomputeRunGrades(system, world.run.id, { batchSize: 700 })).toEqual({
      runs: 1,
      examined: LEARNERS,
      changed: 0,
      newlyPassed: 0,
    });
    expect(await listOutboxEvents(handle.db, { topic: 'course.passed' })).toHaveLength(passers);
    expect(await countPassedStatements()).toBe(passers - 1);
  });
});
