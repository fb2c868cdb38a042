import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { invalid, notFound } from '../../platform/errors/index.ts';
import { requireStaffRun } from '../enrollment/index.ts';
import { applyCourseGrade } from './course-grade-refresh.ts';
import { selectRunEnrollment } from './gradebook-queries.ts';

// eslint-disable-next-line no-control-regex -- control characters other than line breaks are refused
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

export const overrideInputSchema = z.strictObject({
  /** The grade to give, 0..1; null clears the override. */
  grade: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullable(),
  reason: z
    .string()
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(500, 'must be at most 500 characters')
    .refine((value) => !CONTROL.test(value), 'must not contain control characters'),
});
export type OverrideInput = z.input<typeof overrideInputSchema>;

export type OverrideResult = {
  enrollmentUuid: string;
  computed: number;
  override: number | null;
  grade: number;
  passed: boolean;
  passedAt: Date | null;
  newlyPassed: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

function parseInput(input: OverrideInput) {
  const parsed = overrideInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || 'body',
    message: issue.message,
  }));
  throw invalid('grade.invalid_override', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
}

/**
 * Sets (or, with grade null, clears) a learner's grade override with a reason, for those who
 * grade the run ('grade': the teaching team, not owner admins). Audited with the row before and
 * after. The override counts instead of the computed grade from now on, so it may make the
 * learner pass (announced like any first pass); lowering it never takes a pass back.
 * Errors: unauthenticated, not_found (course, run, enrollment), forbidden, invalid 'grade.invalid_override'.
 */
export async function overrideGrade(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  enrollmentUuid: string,
  input: OverrideInput,
): Promise<OverrideResult> {
  const { course, run } = await requireStaffRun(ctx, courseKey, runCode, 'grade');
  const { grade, reason } = parseInput(input);
  if (!UUID.test(enrollmentUuid)) throw notFound('enrollment');
  const actorId = ctx.actor!.userId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const found = await selectRunEnrollment(tx, run.id, enrollmentUuid);
    if (!found) throw notFound('enrollment');
    const learner = { course, run, enrollment: found.enrollment };
    const outcome = await applyCourseGrade(tx, learner, at, { override: grade, reason, by: actorId });
    const { before } = outcome;
    await recordAudit(tx, {
      actorId,
      action: grade === null ? 'grade.override_cleared' : 'grade.override_set',
      objectType: 'enrollment',
      objectId: enrollmentUuid,
      institutionId: course.leadInstitutionId,
      before: before && {
        computed: before.computed,
        override: before.override,
        overrideReason: before.overrideReason,
        passedAt: before.passedAt?.toISOString() ?? null,
      },
      after: {
        computed: outcome.computed,
        override: outcome.override,
        reason,
        passedAt: outcome.passedAt?.toISOString() ?? null,
        runId: run.id,
        courseKey: course.key,
      },
      at,
    });
    return {
      enrollmentUuid,
      computed: outcome.computed,
      override: outcome.override,
      grade: outcome.grade,
      passed: outcome.passed,
      passedAt: outcome.passedAt,
      newlyPassed: outcome.newlyPassed,
    };
  });
}
