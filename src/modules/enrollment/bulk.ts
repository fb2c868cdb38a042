import { and, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import type { CourseRun, LoadedCourse } from '../courses/index.ts';
import { recordLearningActions, type ActivityRef } from '../records/index.ts';
import { findUserIdsByEmails } from '../identity/index.ts';
import { forgetEnrollments, requireStaffRun } from './core.ts';
import { sortEmailList } from './emails.ts';
import { enrEnrollment } from './schema.ts';
import { addSeats, lockRunSeats, seatsLeft } from './seats.ts';
import { describeRunAction, describeRunActivity } from './statements.ts';

/** The most addresses one bulk enrollment takes: a whole university's intake. */
export const MAX_BULK_EMAILS = 100_000;
/** Addresses resolved and written per round: one query each, small enough for any driver. */
const CHUNK = 5_000;

export type BulkFailureReason = 'invalid_email' | 'no_account' | 'run_full';
export type BulkEnrollmentFailure = { email: string; reason: BulkFailureReason };

export type BulkEnrollmentReport = {
  /** Entries received, blanks and repeats included. */
  received: number;
  /** Distinct entries after normalising. */
  distinct: number;
  /** Enrolled now: new enrollments and people who had left and are back. */
  enrolled: number;
  alreadyEnrolled: number;
  /** In the order the addresses were given. */
  failures: BulkEnrollmentFailure[];
};

type Activated = { uuid: string; userId: string };
type Round = {
  tx: Executor;
  course: LoadedCourse;
  run: CourseRun;
  activity: ActivityRef;
  now: Date;
};

async function selectStatuses(tx: Executor, runId: number, userIds: readonly string[]) {
  const rows = await tx
    .select({ userId: enrEnrollment.userId, status: enrEnrollment.status })
    .from(enrEnrollment)
    .where(and(eq(enrEnrollment.runId, runId), sql`${enrEnrollment.userId} = any(${sql.param([...userIds])}::uuid[])`));
  return new Map(rows.map((row) => [row.userId, row.status]));
}

async function insertEnrollments(round: Round, userIds: readonly string[]): Promise<Activated[]> {
  if (userIds.length === 0) return [];
  const { run, course, now } = round;
  const at = now.toISOString();
  const result = (await round.tx.execute(sql`
    insert into enr_enrollment (run_id, course_id, user_id, mode, status, source, enrolled_at, created_at, updated_at)
    select ${run.id}, ${course.id}, person, 'audit', 'active', 'staff', ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
    from unnest(${sql.param([...userIds])}::uuid[]) as person
    on conflict (run_id, user_id) do nothing
    returning uuid, user_id`)) as unknown as { rows: Array<{ uuid: string; user_id: string }> };
  return result.rows.map((row) => ({ uuid: row.uuid, userId: row.user_id }));
}

/** People who had left come back on their own row: enrolledAt and progress stay. */
async function reactivateEnrollments(round: Round, userIds: readonly string[]): Promise<Activated[]> {
  if (userIds.length === 0) return [];
  const rows = await round.tx
    .update(enrEnrollment)
    .set({ status: 'active', unenrolledAt: null, source: 'staff', updatedAt: round.now })
    .where(
      and(
        eq(enrEnrollment.runId, round.run.id),
        eq(enrEnrollment.status, 'unenrolled'),
        sql`${enrEnrollment.userId} = any(${sql.param([...userIds])}::uuid[])`,
      ),
    )
    .returning({ uuid: enrEnrollment.uuid, userId: enrEnrollment.userId });
  return rows;
}

type Tally = {
  enrolled: number;
  alreadyEnrolled: number;
  free: number;
  failures: Array<BulkEnrollmentFailure & { position: number }>;
};

/** One chunk of addresses: resolve, sort by what each person needs, write, record. */
async function enrollChunk(round: Round, emails: readonly string[], positions: Map<string, number>, tally: Tally) {
  const accounts = await findUserIdsByEmails(round.tx, emails);
  const statuses = await selectStatuses(round.tx, round.run.id, [...accounts.values()]);
  const fresh: string[] = [];
  const returning: string[] = [];
  for (const email of emails) {
    const userId = accounts.get(email);
    const position = positions.get(email)!;
    const status = userId ? statuses.get(userId) : undefined;
    if (!userId) tally.failures.push({ email, reason: 'no_account', position });
    else if (status === 'active') tally.alreadyEnrolled += 1;
    else if (tally.free <= 0) tally.failures.push({ email, reason: 'run_full', position });
    else {
      tally.free -= 1;
      (status === 'unenrolled' ? returning : fresh).push(userId);
    }
  }
  const activated = [...(await insertEnrollments(round, fresh)), ...(await reactivateEnrollments(round, returning))];
  // Only people who had left were kept by the cache ("not enrolled" never is).
  if (returning.length > 0) forgetEnrollments(round.run.id);
  tally.enrolled += activated.length;
  const { activity, run, course, now } = round;
  await recordLearningActions(
    round.tx,
    activated.map((enrollment) => describeRunAction('registered', activity, run, course.key, enrollment, now)),
    now,
  );
}

/**
 * Enrolls a list of people by e-mail address, for staff with 'enroll_learners': the window does
 * not apply, the capacity does. Addresses are normalised and repeats dropped; each one that
 * cannot be enrolled is reported with its reason. Everything happens in one transaction holding
 * the run's seat counter, so the report is exactly what was written (see README).
 * Errors: unauthenticated, not_found, forbidden, invalid 'enrollment.too_many'.
 */
export async function bulkEnroll(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  emails: readonly string[],
): Promise<BulkEnrollmentReport> {
  const { course, run } = await requireStaffRun(ctx, courseKey, runCode, 'enroll_learners');
  if (emails.length > MAX_BULK_EMAILS) {
    throw invalid('enrollment.too_many', `Send at most ${MAX_BULK_EMAILS} addresses at a time.`);
  }
  const list = sortEmailList(emails);
  const now = ctx.clock.now();
  const activity = await describeRunActivity(ctx.db, run);
  const tally: Tally = {
    enrolled: 0,
    alreadyEnrolled: 0,
    free: 0,
    failures: list.invalid.map(({ email, position }) => ({ email, reason: 'invalid_email', position })),
  };
  return ctx.db.transaction(async (tx) => {
    const active = await lockRunSeats(tx, run.id);
    tally.free = seatsLeft(run.capacity, active) ?? Number.POSITIVE_INFINITY;
    const round: Round = { tx, course, run, activity, now };
    for (let start = 0; start < list.valid.length; start += CHUNK) {
      await enrollChunk(round, list.valid.slice(start, start + CHUNK), list.positions, tally);
    }
    await addSeats(tx, run.id, tally.enrolled);
    const report: BulkEnrollmentReport = {
      received: emails.length,
      distinct: list.valid.length + list.invalid.length,
      enrolled: tally.enrolled,
      alreadyEnrolled: tally.alreadyEnrolled,
      failures: tally.failures.sort((a, b) => a.position - b.position).map(({ email, reason }) => ({ email, reason })),
    };
    await recordAudit(tx, {
      actorId: ctx.actor!.userId,
      action: 'enrollment.bulk',
      objectType: 'course_run',
      objectId: run.uuid,
      institutionId: course.leadInstitutionId,
      after: { runCode: run.code, ...report, failures: countFailures(report.failures) },
      at: now,
    });
    return report;
  });
}

function countFailures(failures: readonly BulkEnrollmentFailure[]): Record<BulkFailureReason, number> {
  const counts: Record<BulkFailureReason, number> = { invalid_email: 0, no_account: 0, run_full: 0 };
  for (const failure of failures) counts[failure.reason] += 1;
  return counts;
}
