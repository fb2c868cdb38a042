import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  MAX_BULK_EMAILS,
  bulkEnroll,
  listRunLearners,
  readEmailText,
  type BulkEnrollmentReport,
} from '../../../modules/enrollment/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { readUploadedFile, type UploadedFile } from '../../uploads.ts';
import { loadStudioCourse, readField, redirectAnonymous, requireCapability, serviceContext } from '../studio/shared.ts';
import type { StudioCourse } from '../studio/shared.ts';
import { LearnersView, type BulkState, type LearnerFilter } from './learners-view.tsx';
import { learnersPath, requireRunAddress, type RunParams } from './paths.ts';

/** Files larger than this cannot hold MAX_BULK_EMAILS addresses of a sensible length. */
const MAX_LIST_BYTES = 32 * 1024 * 1024;
/** Pasted text comes back into the form after an error only when it is small. */
const MAX_ECHO_CHARS = 64 * 1024;
const STATUSES = new Set(['all', 'active', 'unenrolled']);

function readFilter(query: unknown): LearnerFilter {
  const value = (name: string) => {
    const raw = query && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
    return typeof raw === 'string' ? raw.trim() : '';
  };
  const status = STATUSES.has(value('status')) ? (value('status') as LearnerFilter['status']) : 'all';
  const page = /^[1-9]\d{0,5}$/u.test(value('page')) ? Number(value('page')) : 1;
  return { status, q: value('q').slice(0, 200), page };
}

async function renderLearners(
  request: FastifyRequest<RunParams>,
  reply: FastifyReply,
  studio: StudioCourse,
  options: { filter?: LearnerFilter; bulk?: BulkState; status?: number } = {},
): Promise<FastifyReply> {
  const filter = options.filter ?? readFilter({});
  const page = await listRunLearners(serviceContext(request), studio.course.key, request.params.code, filter);
  const { t } = request;
  return sendPage(request, reply, {
    title: `${t.t('enroll.learners.title', { code: page.run.code })} · ${studio.title}`,
    status: options.status ?? 200,
    body: (
      <LearnersView
        t={t}
        csrf={reply.generateCsrf()}
        studio={studio}
        page={page}
        filter={filter}
        bulk={options.bulk ?? { text: '' }}
        canEnroll={studio.capabilities.has('enroll_learners')}
      />
    ),
  });
}

/** The addresses of the pasted text and the uploaded file, or the reason they cannot be read. */
function readEntries(text: string, file: UploadedFile | null): string[] | MessageKey {
  if (file && (file.bytes.length > MAX_LIST_BYTES || file.bytes.includes(0))) {
    return file.bytes.includes(0) ? 'enroll.bulk.error.notText' : 'enroll.bulk.error.tooMany';
  }
  const entries = [...readEmailText(text), ...(file ? readEmailText(file.bytes.toString('utf8'), 'csv') : [])];
  if (entries.length === 0) return 'enroll.bulk.error.empty';
  return entries.length > MAX_BULK_EMAILS ? 'enroll.bulk.error.tooMany' : entries;
}

async function enrollList(request: FastifyRequest<RunParams>, reply: FastifyReply) {
  const { key, code } = request.params;
  if (redirectAnonymous(request, reply, learnersPath(key, code))) return reply;
  requireRunAddress(request.params);
  const studio = await loadStudioCourse(request, key);
  requireCapability(studio, 'enroll_learners');
  const text = readField(request.body, 'emails');
  const entries = readEntries(text, readUploadedFile(request.body, 'file'));
  if (typeof entries === 'string') {
    const bulk = { text: text.length <= MAX_ECHO_CHARS ? text : '', error: entries };
    return renderLearners(request, reply, studio, { bulk, status: 400 });
  }
  const report: BulkEnrollmentReport = await bulkEnroll(serviceContext(request), key, code, entries);
  return renderLearners(request, reply, studio, { bulk: { text: '', report } });
}

export async function learnerRoutes(app: FastifyInstance): Promise<void> {
  app.get<RunParams>('/studio/courses/:key/runs/:code/learners', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    requireRunAddress(request.params);
    const studio = await loadStudioCourse(request, request.params.key);
    return renderLearners(request, reply, studio, { filter: readFilter(request.query) });
  });
  app.post<RunParams>('/studio/courses/:key/runs/:code/learners/bulk', { preHandler: app.csrfProtection }, enrollList);
}
