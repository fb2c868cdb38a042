import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getGradebook, overrideGrade, streamGradebookCsv } from '../../../modules/assessment/index.ts';
import { isDomainError } from '../../../platform/errors/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { attachmentDisposition } from '../../api/packages/disposition.ts';
import { asUuid, loadStudioCourse, redirectAnonymous, serviceContext } from '../studio/shared.ts';
import { csvLabels } from './csv-labels.ts';
import { gradebookPath } from './format.ts';
import {
  filterQueryString,
  readBackFilter,
  readFilter,
  readOverrideForm,
  toGradebookQuery,
  type GradebookFilter,
} from './gradebook-form.ts';
import { GradebookView, type FailedOverride, type GradebookState } from './gradebook-view.tsx';
import { pickOwnEntry } from '../../http.ts';

type RunParams = { Params: { key: string; code: string } };
type OverrideParams = { Params: { key: string; code: string; enrollmentId: string } };

const NOTICES: Record<string, { kind: 'success'; key: MessageKey }> = {
  overridden: { kind: 'success', key: 'grades.notice.overridden' },
  cleared: { kind: 'success', key: 'grades.notice.cleared' },
};

/** A byte-order mark first: spreadsheet programs then read the file as UTF-8, not a legacy code page. */
async function* withByteOrderMark(lines: AsyncIterable<string>): AsyncGenerator<string> {
  yield '\uFEFF';
  yield* lines;
}

async function renderGradebook(
  request: FastifyRequest<RunParams>,
  reply: FastifyReply,
  filter: GradebookFilter,
  extra: { failed?: FailedOverride; status?: number } = {},
): Promise<FastifyReply> {
  const { key, code } = request.params;
  const studio = await loadStudioCourse(request, key);
  const book = await getGradebook(serviceContext(request), key, code, toGradebookQuery(filter));
  const notice = extra.failed
    ? ({ kind: 'error', key: 'grades.notice.invalid' } as const)
    : pickOwnEntry(NOTICES, (request.query as Record<string, unknown> | undefined)?.notice);
  const state: GradebookState = { book, courseTitle: studio.title, filter, notice, failed: extra.failed };
  const { t } = request;
  return sendPage(request, reply, {
    title: `${t.t('grades.gradebook.title')} · ${book.run.code} · ${studio.title}`,
    status: extra.status ?? 200,
    body: <GradebookView t={t} csrf={reply.generateCsrf()} state={state} />,
  });
}

/** The studio gradebook of a run, its CSV download and per-learner overrides. */
export async function gradebookRoutes(app: FastifyInstance): Promise<void> {
  app.get<RunParams>('/studio/courses/:key/runs/:code/gradebook', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    return renderGradebook(request, reply, readFilter(request.query));
  });

  app.get<RunParams>('/studio/courses/:key/runs/:code/gradebook.csv', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { key, code } = request.params;
    const csv = await streamGradebookCsv(serviceContext(request), key, code, { labels: csvLabels(request.t) });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(csv.fileName))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(Readable.from(withByteOrderMark(csv.lines)));
  });

  app.post<OverrideParams>(
    '/studio/courses/:key/runs/:code/gradebook/:enrollmentId/override',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const { key, code } = request.params;
      const filter = readBackFilter(request.body);
      if (redirectAnonymous(request, reply, gradebookPath(key, code, filterQueryString(filter)))) return reply;
      const enrollmentUuid = asUuid(request.params.enrollmentId);
      const form = readOverrideForm(request.body);
      try {
        await overrideGrade(serviceContext(request), key, code, enrollmentUuid, {
          grade: form.grade,
          reason: form.reason,
        });
      } catch (error) {
        if (!isDomainError(error) || error.kind !== 'invalid') throw error;
        const failed = { enrollmentUuid, grade: form.gradeText, reason: form.reason };
        return renderGradebook(request, reply, filter, { failed, status: 400 });
      }
      const notice = form.grade === null ? 'cleared' : 'overridden';
      const query = filterQueryString(filter);
      return redirectTo(reply, gradebookPath(key, code, `${query}${query ? '&' : '?'}notice=${notice}`));
    },
  );
}
