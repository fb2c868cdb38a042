import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CourseRun } from '../../../modules/courses/index.ts';
import { countActiveLearners, listMyRunEnrollments, type Enrollment } from '../../../modules/enrollment/index.ts';
import { serviceContext } from '../institutions/shared.ts';
import { ENROLL_NOTICES, type EnrollNotice } from './paths.ts';

/**
 * What the course page shows about enrolling in each run. Everything personal (the viewer's
 * enrollments, the form token, notices) is filled only for a signed-in viewer, whose pages are
 * never cached; an anonymous page holds only what every visitor may see (seats left).
 */
export type RunEnrollmentState = {
  signedIn: boolean;
  csrf: string;
  mine: ReadonlyMap<number, Enrollment>;
  /** Active learners per run, for runs with a capacity. */
  active: ReadonlyMap<number, number>;
  notice: { code: string; notice: EnrollNotice } | null;
};

export const ANONYMOUS_RUN_STATE: RunEnrollmentState = {
  signedIn: false,
  csrf: '',
  mine: new Map(),
  active: new Map(),
  notice: null,
};

function readNotice(query: unknown): RunEnrollmentState['notice'] {
  const values = (query ?? {}) as Record<string, unknown>;
  const notice = values.enroll;
  const code = values.run;
  if (typeof code !== 'string' || !(ENROLL_NOTICES as readonly unknown[]).includes(notice)) return null;
  return { code, notice: notice as EnrollNotice };
}

export async function loadRunEnrollmentState(
  request: FastifyRequest,
  reply: FastifyReply,
  runs: readonly CourseRun[],
): Promise<RunEnrollmentState> {
  const ctx = serviceContext(request);
  const limited = runs.filter((run) => run.capacity !== null).map((run) => run.id);
  const active = await countActiveLearners(ctx.db, limited);
  if (!request.viewer) return { ...ANONYMOUS_RUN_STATE, active };
  return {
    signedIn: true,
    csrf: reply.generateCsrf(),
    mine: await listMyRunEnrollments(
      ctx,
      runs.map((run) => run.id),
    ),
    active,
    notice: readNotice(request.query),
  };
}
