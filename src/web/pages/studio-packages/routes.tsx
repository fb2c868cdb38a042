import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canCreateCourseFor, getCourseAccess, getDraftMetadata, listReleases } from '../../../modules/courses/index.ts';
import { getInstitutionById, localize } from '../../../modules/institutions/index.ts';
import {
  exportCoursePackage,
  importCoursePackage,
  type ImportTarget,
  type PackageProblem,
} from '../../../modules/sharing/index.ts';
import { forbidden, isDomainError, notFound } from '../../../platform/errors/index.ts';
import { attachmentDisposition } from '../../api/packages/disposition.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { readUploadedFile } from '../../uploads.ts';
import { redirectAnonymous as redirectToSignIn, serviceContext as contextOf } from '../institutions/shared.ts';
import type { FieldErrors } from '../../views/forms.tsx';
import { ExportView, ImportView, type ImportValues } from './views.tsx';

type KeyParams = { Params: { key: string } };

/** Anonymous visitors sign in first and come back; returns true when it redirected. */
function redirectAnonymous(request: FastifyRequest, reply: FastifyReply): boolean {
  return redirectToSignIn(request, reply, request.method === 'GET' ? request.url : '/studio/import');
}

/** The export page and download answer "not found" to anyone who may not read the draft. */
async function requireExport(request: FastifyRequest, key: string) {
  const access = await getCourseAccess(contextOf(request), key);
  if (!access.capabilities.has('view_draft')) throw notFound('course');
  if (!access.capabilities.has('export')) throw forbidden();
  return access;
}

const readField = (body: unknown, name: string): string => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.trim() : '';
};

async function listLeadOptions(request: FastifyRequest) {
  const actor = request.viewer?.actor ?? null;
  const ids = [...new Set((actor?.memberships ?? []).map((membership) => membership.institutionId))];
  const options: Array<{ value: string; label: string }> = [];
  for (const id of ids.filter((candidate) => canCreateCourseFor(actor, candidate))) {
    const institution = await getInstitutionById(request.server.platform.db, id);
    if (institution) options.push({ value: String(id), label: localize(institution.name, request.t.locale) });
  }
  return options;
}

async function renderImport(
  request: FastifyRequest,
  reply: FastifyReply,
  values: ImportValues,
  failure: { errors?: FieldErrors; problems?: PackageProblem[]; status?: number } = {},
) {
  const leads = await listLeadOptions(request);
  return sendPage(request, reply, {
    title: request.t.t('packages.import.title'),
    status: failure.status ?? 200,
    body: (
      <ImportView
        t={request.t}
        reply={reply}
        values={values}
        leads={leads}
        errors={failure.errors ?? {}}
        problems={failure.problems ?? []}
      />
    ),
  });
}

function toTarget(values: ImportValues): ImportTarget | FieldErrors {
  if (values.mode === 'new-draft') {
    return values.courseKey
      ? { mode: 'new-draft', courseKey: values.courseKey }
      : { courseKey: 'packages.error.courseKey' };
  }
  if (values.mode !== 'new-course') return { mode: 'packages.error.mode' };
  const errors: FieldErrors = {};
  if (!values.key) errors.key = 'packages.error.key';
  if (!/^\d{1,9}$/.test(values.leadInstitution)) errors.leadInstitution = 'packages.error.lead';
  if (Object.keys(errors).length > 0) return errors;
  return { mode: 'new-course', key: values.key, leadInstitutionId: Number(values.leadInstitution) };
}

/** The field a refused import points at in the form, or null when the problems list says it all. */
function errorsOf(error: unknown, mode: string): FieldErrors | null {
  if (!isDomainError(error)) throw error;
  if (error.code === 'course.key_taken' || error.code === 'package.invalid_target') {
    return mode === 'new-draft' ? { courseKey: 'packages.error.courseKey' } : { key: 'packages.error.key' };
  }
  if (error.kind === 'forbidden' || error.kind === 'not_found') {
    return mode === 'new-draft'
      ? { courseKey: 'packages.error.courseKey' }
      : { leadInstitution: 'packages.error.lead' };
  }
  if (error.kind === 'invalid' && error.code !== 'package.invalid') return { file: 'packages.error.file' };
  return null;
}

/** Export and import of course packages from the studio. */
export async function packagePageRoutes(app: FastifyInstance): Promise<void> {
  app.get<KeyParams>('/studio/courses/:key/export', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { course, capabilities } = await requireExport(request, request.params.key);
    const ctx = contextOf(request);
    const metadata = await getDraftMetadata(ctx, course.key);
    const latest = (await listReleases(ctx, course.key)).find((release) => release.id === course.latestReleaseId);
    const title = localize(metadata.title, request.t.locale);
    return sendPage(request, reply, {
      title: request.t.t('packages.export.title', { title }),
      body: (
        <ExportView
          t={request.t}
          courseKey={course.key}
          title={title}
          releaseNumber={latest?.number ?? null}
          canEdit={capabilities.has('edit_content')}
        />
      ),
    });
  });

  app.get<KeyParams & { Querystring: { side?: string } }>('/studio/courses/:key/package', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    await requireExport(request, request.params.key);
    const side = request.query.side === 'release' ? 'release' : 'draft';
    const pkg = await exportCoursePackage(contextOf(request), request.server.platform.storage, request.params.key, {
      side,
    });
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', attachmentDisposition(pkg.fileName))
      .header('cache-control', 'no-store')
      .send(Buffer.from(pkg.bytes));
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/studio/import', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const query = request.query;
    return renderImport(request, reply, {
      mode: query.mode === 'new-draft' ? 'new-draft' : 'new-course',
      key: query.key ?? '',
      leadInstitution: query.leadInstitution ?? '',
      courseKey: query.courseKey ?? '',
    });
  });

  app.post('/studio/import', { preHandler: app.csrfProtection }, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const body = request.body;
    const values: ImportValues = {
      mode: readField(body, 'mode'),
      key: readField(body, 'key'),
      leadInstitution: readField(body, 'leadInstitution'),
      courseKey: readField(body, 'courseKey'),
    };
    const file = readUploadedFile(body, 'file');
    const target = toTarget(values);
    if (!file || !isTarget(target)) {
      const errors: FieldErrors = {
        ...(isTarget(target) ? {} : target),
        ...(file ? {} : { file: 'packages.error.file' as const }),
      };
      return renderImport(request, reply, values, { errors, status: 400 });
    }
    try {
      const result = await importCoursePackage(
        contextOf(request),
        request.server.platform.storage,
        file.bytes,
        target,
        {
          maxBytes: request.server.platform.config.uploadMaxBytes,
        },
      );
      return redirectTo(reply, `/studio/courses/${encodeURIComponent(result.courseKey)}`);
    } catch (error) {
      const errors = errorsOf(error, values.mode);
      const problems =
        isDomainError(error) && Array.isArray(error.details.problems)
          ? (error.details.problems as PackageProblem[])
          : [];
      return renderImport(request, reply, values, { errors: errors ?? {}, problems, status: 400 });
    }
  });
}

function isTarget(value: ImportTarget | FieldErrors): value is ImportTarget {
  return (value as ImportTarget).mode === 'new-course' || (value as ImportTarget).mode === 'new-draft';
}
