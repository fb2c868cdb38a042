import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  createRun,
  getRun,
  listCourseRuns,
  listReleases,
  moveRunToRelease,
  updateRun,
} from '../../../modules/courses/index.ts';
import { isDomainError, notFound } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { studioCoursePath } from '../../views/studio-layout.tsx';
import {
  emptyRunValues,
  gradingErrorsFrom,
  gradingValuesOf,
  readGradingValues,
  readRunValues,
  runErrorsFrom,
  runValuesOf,
  toGradingPolicy,
  toNewRun,
  toRunChanges,
  withEmptyGradingRows,
} from './runs-form.ts';
import { RunsView, type RunsState } from './runs-view.tsx';
import {
  asId,
  courseForPost,
  loadStudioCourse,
  noticeFrom,
  readField,
  redirectAnonymous,
  requireCapability,
  serviceContext,
  type Notice,
  type StudioCourse,
} from './shared.ts';

type KeyParams = { Params: { key: string } };
type RunParams = { Params: { key: string; code: string } };

const NOTICES: Record<string, Notice> = {
  created: { kind: 'success', key: 'studio.notice.runCreated' },
  saved: { kind: 'success', key: 'studio.notice.runSaved' },
  moved: { kind: 'success', key: 'studio.notice.runMoved' },
  grading: { kind: 'success', key: 'studio.notice.gradingSaved' },
  invalid: { kind: 'error', key: 'studio.notice.invalid' },
};

const runsPath = (key: string, notice?: string) =>
  `${studioCoursePath(key, 'runs')}${notice ? `?notice=${notice}` : ''}`;

type Extra = Partial<Pick<RunsState, 'create' | 'edit' | 'grading'>>;

async function renderRuns(
  request: FastifyRequest,
  reply: FastifyReply,
  studio: StudioCourse,
  extra: Extra = {},
  status = 200,
): Promise<FastifyReply> {
  const ctx = serviceContext(request);
  const [runs, releases] = await Promise.all([
    listCourseRuns(ctx.db, studio.course.id),
    listReleases(ctx, studio.course.key),
  ]);
  const { t } = request;
  const state: RunsState = {
    studio,
    runs,
    releases,
    notice: noticeFrom(request, NOTICES),
    create: { values: emptyRunValues(studio.metadata.languages[0] ?? 'en', releases[0]?.id ?? null), errors: {} },
    gradingOf: (run) => gradingValuesOf(run.gradingPolicy),
    settingsOf: runValuesOf,
    ...extra,
  };
  return sendPage(request, reply, {
    title: `${t.t('studio.runs.title')} · ${studio.title}`,
    status,
    body: <RunsView t={t} csrf={reply.generateCsrf()} state={state} />,
  });
}

async function runsCourse(request: FastifyRequest<KeyParams>, reply: FastifyReply): Promise<StudioCourse | null> {
  const studio = await courseForPost(request, reply, runsPath(request.params.key));
  if (studio) requireCapability(studio, 'manage_runs');
  return studio;
}

/** Conflicts (a taken code, a course never published) come back as a form error; the rest is rethrown. */
function statusOf(error: unknown): number {
  return isDomainError(error) && error.kind === 'conflict' ? 409 : 400;
}

export async function runRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };

  app.get<KeyParams>('/studio/courses/:key/runs', async (request, reply) => {
    if (redirectAnonymous(request, reply, runsPath(request.params.key))) return reply;
    return renderRuns(request, reply, await loadStudioCourse(request, request.params.key));
  });

  app.post<KeyParams>('/studio/courses/:key/runs', csrf, async (request, reply) => {
    const studio = await runsCourse(request, reply);
    if (!studio) return reply;
    const values = readRunValues(request.body);
    try {
      await createRun(serviceContext(request), studio.course.key, toNewRun(values));
    } catch (error) {
      const errors =
        isDomainError(error) && error.code === 'run.code_taken'
          ? { code: 'studio.error.runCodeTaken' as const }
          : isDomainError(error) && error.code === 'course.not_published'
            ? { _: 'studio.runs.publishFirst' as const }
            : runErrorsFrom(error);
      return renderRuns(request, reply, studio, { create: { values, errors } }, statusOf(error));
    }
    return redirectTo(reply, runsPath(studio.course.key, 'created'));
  });

  app.post<RunParams>('/studio/courses/:key/runs/:code/settings', csrf, async (request, reply) => {
    const studio = await runsCourse(request, reply);
    if (!studio) return reply;
    const { code } = request.params;
    const values = { ...readRunValues(request.body), code };
    try {
      await updateRun(serviceContext(request), studio.course.key, code, toRunChanges(values));
    } catch (error) {
      const edit = { code, values, errors: runErrorsFrom(error) };
      return renderRuns(request, reply, studio, { edit }, 400);
    }
    return redirectTo(reply, runsPath(studio.course.key, 'saved'));
  });

  app.post<RunParams>('/studio/courses/:key/runs/:code/release', csrf, async (request, reply) => {
    const studio = await runsCourse(request, reply);
    if (!studio) return reply;
    const releaseId = asId(readField(request.body, 'release'));
    const notice = await moveRunToRelease(
      serviceContext(request),
      studio.course.key,
      request.params.code,
      releaseId,
    ).then(
      () => 'moved',
      (error: unknown) => {
        if (isDomainError(error) && error.kind === 'invalid') return 'invalid';
        throw error;
      },
    );
    return redirectTo(reply, runsPath(studio.course.key, notice));
  });

  app.post<RunParams>('/studio/courses/:key/runs/:code/grading', csrf, async (request, reply) => {
    const studio = await runsCourse(request, reply);
    if (!studio) return reply;
    const { code } = request.params;
    if (!(await getRun(request.server.platform.db, studio.course.id, code))) throw notFound('run');
    const values = readGradingValues(request.body);
    try {
      await updateRun(serviceContext(request), studio.course.key, code, { gradingPolicy: toGradingPolicy(values) });
    } catch (error) {
      const grading = { code, values: withEmptyGradingRows(values), errors: gradingErrorsFrom(error) };
      return renderRuns(request, reply, studio, { grading }, 400);
    }
    return redirectTo(reply, runsPath(studio.course.key, 'grading'));
  });
}
