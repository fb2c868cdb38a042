import type { Actor, ServiceContext } from '../../platform/access/index.ts';
import { conflict, unauthenticated } from '../../platform/errors/index.ts';
import type { CourseRun } from '../courses/index.ts';

export type EnrollmentWindow = 'open' | 'not_open_yet' | 'closed';

/**
 * Whether people may enroll themselves now: from `enrollmentOpensAt` to `enrollmentClosesAt`,
 * both included; a missing date leaves that side open. Pure, so pages show the same answer the
 * service gives.
 */
export function readEnrollmentWindow(
  run: Pick<CourseRun, 'enrollmentOpensAt' | 'enrollmentClosesAt'>,
  now: Date,
): EnrollmentWindow {
  if (run.enrollmentOpensAt && now.getTime() < run.enrollmentOpensAt.getTime()) return 'not_open_yet';
  if (run.enrollmentClosesAt && now.getTime() > run.enrollmentClosesAt.getTime()) return 'closed';
  return 'open';
}

/** Errors: conflict 'enrollment.not_open_yet', 'enrollment.closed'. */
export function requireOpenWindow(run: CourseRun, now: Date): void {
  const window = readEnrollmentWindow(run, now);
  if (window === 'not_open_yet') {
    throw conflict('enrollment.not_open_yet', 'Enrollment in this run has not opened yet.');
  }
  if (window === 'closed') throw conflict('enrollment.closed', 'Enrollment in this run has closed.');
}

export function runFull() {
  return conflict('enrollment.full', 'This run has no seats left.');
}

/** Enrollments belong to people: anonymous callers and the system actor are turned away. */
export function requirePerson(ctx: ServiceContext): Actor {
  if (!ctx.actor || ctx.actor.via === 'system') throw unauthenticated();
  return ctx.actor;
}
