import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getReleaseTree } from '../../../modules/courses/index.ts';
import { enrollSelf, findMyEnrollment, leaveRun, requirePublicRun } from '../../../modules/enrollment/index.ts';
import { isDomainError } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { pickText } from '../../views/course-card.tsx';
import { redirectAnonymous, serviceContext } from '../institutions/shared.ts';
import { LeaveView } from './leave-view.tsx';
import {
  coursePath,
  coursePathWithNotice,
  learnPath,
  requireRunAddress,
  runPath,
  type EnrollNotice,
  type RunParams,
} from './paths.ts';

const NOTICE_BY_CODE: Record<string, EnrollNotice> = {
  'enrollment.full': 'full',
  'enrollment.closed': 'closed',
  'enrollment.not_open_yet': 'not_open_yet',
};

/** A refusal the learner can understand goes back to the course page as a notice; the rest is thrown. */
function noticeFor(error: unknown): EnrollNotice {
  const notice = isDomainError(error) ? NOTICE_BY_CODE[error.code] : undefined;
  if (!notice) throw error;
  return notice;
}

async function enroll(request: FastifyRequest<RunParams>, reply: FastifyReply) {
  if (redirectAnonymous(request, reply, coursePath(request.params.key))) return reply;
  const { key, code } = requireRunAddress(request.params);
  try {
    await enrollSelf(serviceContext(request), key, code);
  } catch (error) {
    return redirectTo(reply, coursePathWithNotice(key, code, noticeFor(error)));
  }
  return redirectTo(reply, learnPath(key, code));
}

/** The confirmation step of leaving: a page of its own, so it works without JavaScript. */
async function confirmLeaving(request: FastifyRequest<RunParams>, reply: FastifyReply) {
  if (redirectAnonymous(request, reply)) return reply;
  const { key, code } = requireRunAddress(request.params);
  const ctx = serviceContext(request);
  const { course, run } = await requirePublicRun(ctx.db, key, code);
  const enrollment = await findMyEnrollment(ctx, run.id);
  if (enrollment?.status !== 'active') return redirectTo(reply, coursePath(course.key));
  const { metadata } = await getReleaseTree(ctx.db, run.releaseId);
  const { t } = request;
  const title = pickText(metadata.title, t.locale) ?? { text: course.key, lang: 'en' };
  return sendPage(request, reply, {
    title: t.t('enroll.leave.title', { code: run.code }),
    body: (
      <LeaveView
        t={t}
        csrf={reply.generateCsrf()}
        title={title}
        code={run.code}
        action={`${runPath(course.key, run.code)}/unenroll`}
        stay={learnPath(course.key, run.code)}
      />
    ),
  });
}

async function leave(request: FastifyRequest<RunParams>, reply: FastifyReply) {
  if (redirectAnonymous(request, reply, `${runPath(request.params.key, request.params.code)}/unenroll`)) return reply;
  const { key, code } = requireRunAddress(request.params);
  try {
    await leaveRun(serviceContext(request), key, code);
  } catch (error) {
    // Nothing to leave: the course page shows what the person can do instead.
    if (isDomainError(error) && error.code === 'enrollment.not_found') return redirectTo(reply, coursePath(key));
    throw error;
  }
  return redirectTo(reply, coursePathWithNotice(key, code, 'left'));
}

export async function runActionRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };
  app.post<RunParams>('/courses/:key/runs/:code/enroll', csrf, enroll);
  app.get<RunParams>('/courses/:key/runs/:code/unenroll', confirmLeaving);
  app.post<RunParams>('/courses/:key/runs/:code/unenroll', csrf, leave);
}
