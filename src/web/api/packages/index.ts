import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { courseKeySchema, getCourseAccess } from '../../../modules/courses/index.ts';
import { getInstitutionByKey } from '../../../modules/institutions/index.ts';
import { exportCoursePackage, importCoursePackage, type ImportTarget } from '../../../modules/sharing/index.ts';
import { forbidden, invalid, notFound } from '../../../platform/errors/index.ts';
import { requireSignedIn, requireViewer, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';
import { attachmentDisposition } from './disposition.ts';

type ExportRequest = { Params: z.infer<typeof exportParamsSchema>; Querystring: z.output<typeof exportQuerySchema> };

const TAGS = ['Course packages'];
const common = { tags: TAGS, security: SIGNED_IN };

const exportParamsSchema = z.strictObject({
  key: courseKeySchema.describe('The course’s key, such as climate-data-101.'),
});
const exportQuerySchema = z.strictObject({
  side: z.enum(['draft', 'release']).default('draft').describe('The draft, or the latest release.'),
});
const importQuerySchema = z.strictObject({
  mode: z.enum(['new-course', 'new-draft']).describe('Start a new course, or replace the draft of an existing one.'),
  key: courseKeySchema.optional().describe('new-course: the key of the course to create.'),
  leadInstitution: z.string().max(100).optional().describe('new-course: the key of the institution that leads it.'),
  courseKey: courseKeySchema.optional().describe('new-draft: the course whose draft the package replaces.'),
});
const importResultSchema = z
  .object({
    courseKey: z.string(),
    mode: z.enum(['new-course', 'new-draft']),
    media: z.number().int().describe('Media files the course now uses from the package.'),
    created: z.number().int().describe('Sections, units and blocks created.'),
    changed: z.number().int().describe('Entities (and the description) given a new version.'),
    deleted: z.number().int().describe('Entities removed from the draft.'),
  })
  .describe('Where the package went and what it changed.');

/** Export needs the course's export capability; people who may not read the draft learn nothing. */
async function checkExport(request: FastifyRequest): Promise<void> {
  requireViewer(request);
  const { key } = request.params as { key?: unknown };
  if (!courseKeySchema.safeParse(key).success) return;
  const { capabilities } = await getCourseAccess(serviceContextOf(request), key as string);
  if (!capabilities.has('export')) throw capabilities.has('view_draft') ? forbidden() : notFound('course');
}

async function toTarget(request: FastifyRequest, query: z.infer<typeof importQuerySchema>): Promise<ImportTarget> {
  const missing = (field: string) =>
    invalid('package.invalid_target', `querystring.${field}: is required for mode ${query.mode}`, {
      fields: [{ field: `querystring.${field}`, message: `is required for mode ${query.mode}` }],
    });
  if (query.mode === 'new-draft') {
    if (!query.courseKey) throw missing('courseKey');
    return { mode: 'new-draft', courseKey: query.courseKey };
  }
  if (!query.key) throw missing('key');
  if (!query.leadInstitution) throw missing('leadInstitution');
  const lead = await getInstitutionByKey(request.server.platform.db, query.leadInstitution);
  if (!lead) throw notFound('institution');
  return { mode: 'new-course', key: query.key, leadInstitutionId: lead.id };
}

/** Course packages over the API: export a course as a zip, import one as a course or a draft. */
export async function packageApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { uploadMaxBytes } = app.platform.config;
  // Only this plugin reads zip bodies, and never more than one upload's worth.
  app.addContentTypeParser(
    'application/zip',
    { parseAs: 'buffer', bodyLimit: uploadMaxBytes },
    (_request, body, done) => done(null, body),
  );

  // Untyped on the reply side: the answer is a zip, which no JSON serializer should touch.
  app.get<ExportRequest>('/api/v1/courses/:key/package', {
    onRequest: checkExport,
    schema: {
      ...common,
      operationId: 'exportCoursePackage',
      summary: 'Download a course as a package (zip)',
      description:
        'Answers application/zip: orbis-course.json (description, sections, units, blocks, media list with SHA-256) and media/<uuid>/<file> for every file the course refers to. For people with the export capability: the team except teaching assistants, and admins of the owning institutions.',
      params: exportParamsSchema,
      querystring: exportQuerySchema,
      response: problemResponses(400, 401, 403, 404, 409),
    },
    handler: async (request, reply) => {
      const { storage } = request.server.platform;
      const pkg = await exportCoursePackage(serviceContextOf(request), storage, request.params.key, {
        side: request.query.side,
      });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', attachmentDisposition(pkg.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(pkg.bytes));
    },
  });

  api.post('/api/v1/course-packages', {
    onRequest: requireSignedIn,
    config: { bodyTypes: ['application/zip'] },
    schema: {
      ...common,
      operationId: 'importCoursePackage',
      summary: 'Import a course package as a new course or as a course’s next draft',
      description:
        'Send the zip as the raw request body with Content-Type: application/zip. Everything in the package is checked before anything is written; a refused package answers 400 with one entry in `errors` per problem.',
      querystring: importQuerySchema,
      response: { 201: importResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw invalid('package.invalid', 'Send the package as the request body with Content-Type: application/zip.');
      }
      const target = await toTarget(request, request.query);
      const { storage } = request.server.platform;
      const result = await importCoursePackage(serviceContextOf(request), storage, request.body, target, {
        maxBytes: uploadMaxBytes,
      });
      return reply.status(201).send(result);
    },
  });
}
