import type { ServiceContext } from '../../platform/access/index.ts';
import { DomainError, conflict, isDomainError, notFound } from '../../platform/errors/index.ts';
import { courseKeySchema, runCodeSchema, type CourseRun, type LoadedCourse } from '../courses/index.ts';
import { requireLearnerRun, requireStaffRun, type LearnerRun } from '../enrollment/index.ts';

/**
 * Who reads a run's courseware: an enrolled learner, whose visits are recorded, or someone of the
 * course's staff previewing it, who never writes learner data.
 */
export type CoursewareReader =
  | { kind: 'learner'; course: LoadedCourse; run: CourseRun; learner: LearnerRun }
  | { kind: 'staff'; course: LoadedCourse; run: CourseRun; learner: null };

const ENTITY_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Addresses that cannot exist are "not found" before any query, whatever bytes they hold. */
export function checkRunAddress(courseKey: string, runCode: string): void {
  if (!courseKeySchema.safeParse(courseKey).success) throw notFound('course');
  if (!runCodeSchema.safeParse(runCode).success) throw notFound('run');
}

export function checkEntityKey(key: string, what: 'unit' | 'block'): void {
  if (!ENTITY_KEY.test(key)) throw notFound(what);
}

/**
 * The learner, or failing that a staff member with 'view_learners'. Someone who is neither gets
 * the learner's refusal (forbidden 'enrollment.required'), never a hint about the staff side.
 * Errors: unauthenticated, not_found (course, run), forbidden 'enrollment.required'.
 */
export async function requireReader(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
): Promise<CoursewareReader> {
  checkRunAddress(courseKey, runCode);
  try {
    const learner = await requireLearnerRun(ctx, courseKey, runCode);
    return { kind: 'learner', course: learner.course, run: learner.run, learner };
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'enrollment.required') throw error;
    try {
      const { course, run } = await requireStaffRun(ctx, courseKey, runCode, 'view_learners');
      return { kind: 'staff', course, run, learner: null };
    } catch (staffError) {
      if (isDomainError(staffError) && (staffError.kind === 'forbidden' || staffError.kind === 'not_found')) {
        throw error;
      }
      throw staffError;
    }
  }
}

/** The enrolled learner alone: staff preview reads but never writes. Errors: as requireLearnerRun. */
export async function requireWritingLearner(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
): Promise<LearnerRun> {
  checkRunAddress(courseKey, runCode);
  return requireLearnerRun(ctx, courseKey, runCode);
}

/** Where a run stands in time: content opens at the start of a scheduled run and freezes at its end. */
export type RunPhase = 'not_started' | 'open' | 'ended';

export function describeRunPhase(run: Pick<CourseRun, 'pacing' | 'startsAt' | 'endsAt'>, now: Date): RunPhase {
  if (run.endsAt && now.getTime() >= run.endsAt.getTime()) return 'ended';
  if (run.pacing === 'scheduled' && run.startsAt && now.getTime() < run.startsAt.getTime()) return 'not_started';
  return 'open';
}

export function notStarted(run: Pick<CourseRun, 'startsAt'>): DomainError {
  return new DomainError('forbidden', 'courseware.not_started', 'This run has not started yet.', {
    startsAt: run.startsAt?.toISOString() ?? null,
  });
}

export function runEnded(): DomainError {
  return conflict(
    'courseware.run_ended',
    'This run has ended: its content stays readable, but progress is no longer recorded.',
  );
}

/** Writes of learner progress need a run that is open now. */
export function requireOpenRun(run: CourseRun, now: Date): void {
  const phase = describeRunPhase(run, now);
  if (phase === 'not_started') throw notStarted(run);
  if (phase === 'ended') throw runEnded();
}
