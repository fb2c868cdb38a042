import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { courseKeySchema, runCodeSchema, type CourseRun } from '../../../modules/courses/index.ts';
import { requireStaffRun } from '../../../modules/enrollment/index.ts';
import {
  STATEMENT_PAGE_MAX,
  XAPI_VERSION,
  listMyStatements,
  listRunStatementsUnchecked,
  statementQuerySchema,
  type StatementPage,
} from '../../../modules/records/index.ts';
import { sendLearningData } from '../../pages/learning-data/export.ts';
import { learningDataSchema, statementResultSchema } from '../../pages/learning-data/schemas.ts';
import { requireSignedIn, requireViewer, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';

const TAGS = ['Learning records'];
const common = { tags: TAGS, security: SIGNED_IN };

const { shape } = statementQuerySchema;
const querySchema = z.strictObject({
  verb: shape.verb.describe('Only this verb: an ADL verb name such as completed, or its IRI.'),
  since: shape.since.describe('Only statements stored after this time (ISO 8601 with a zone).'),
  until: shape.until.describe('Only statements stored at or before this time (ISO 8601 with a zone).'),
  after: shape.after.describe('The cursor of the next page; follow `more` instead of setting it.'),
  limit: shape.limit.describe(`Statements per page, 1 to ${STATEMENT_PAGE_MAX} (100 when left out).`),
});
type StatementQueryOutput = z.output<typeof querySchema>;

// Named as in the course operations (/api/v1/courses/{key}/runs/{code}), so the paths agree.
const runParamsSchema = z.strictObject({
  key: courseKeySchema.describe('The course’s key, such as climate-data-101.'),
  code: runCodeSchema.describe('The run’s code, such as 2027-T1.'),
});

/** The address of the page after `page`, with the same filters; empty on the last page. */
function moreOf(path: string, query: StatementQueryOutput, page: StatementPage): string {
  if (page.next === null) return '';
  const params = new URLSearchParams();
  if (query.verb) params.set('verb', query.verb);
  if (query.since) params.set('since', query.since.toISOString());
  if (query.until) params.set('until', query.until.toISOString());
  params.set('limit', String(query.limit));
  params.set('after', String(page.next));
  return `${path}?${params.toString()}`;
}

function presentPage(path: string, query: StatementQueryOutput, page: StatementPage) {
  return { statements: page.statements, more: moreOf(path, query, page) };
}

const staffRuns = new WeakMap<FastifyRequest, CourseRun>();

/**
 * Route hook: the run's staff only (capability view_learners), checked before the query string
 * is validated, so an outsider learns nothing about a course from validation messages. A
 * malformed key or code is left to validation, which explains it with a 400.
 */
async function checkRunStaff(request: FastifyRequest): Promise<void> {
  requireViewer(request);
  const params = runParamsSchema.safeParse(request.params);
  if (!params.success) return;
  const { key, code } = params.data;
  const { run } = await requireStaffRun(serviceContextOf(request), key, code, 'view_learners');
  staffRuns.set(request, run);
}

/** Learning records (xAPI 2.0 statements) and the learning data export over the API. */
export async function recordApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/me/statements', {
    onRequest: requireSignedIn,
    schema: {
      ...common,
      operationId: 'listMyStatements',
      summary: 'List the signed-in person’s learning records (xAPI 2.0 statements)',
      description:
        'Oldest first, a page at a time: follow `more` until it is empty. The answer carries the header X-Experience-API-Version: 2.0.0.',
      querystring: querySchema,
      response: { 200: statementResultSchema, ...problemResponses(400, 401) },
    },
    handler: async (request, reply) => {
      const page = await listMyStatements(serviceContextOf(request), request.query);
      reply.header('x-experience-api-version', XAPI_VERSION);
      return presentPage('/api/v1/me/statements', request.query, page);
    },
  });

  api.get('/api/v1/courses/:key/runs/:code/statements', {
    onRequest: [requireSignedIn, checkRunStaff],
    schema: {
      ...common,
      operationId: 'listRunStatements',
      summary: 'List the learning records of every learner in a run',
      description:
        'For the course team and owner admins who may see the run’s learners (view_learners). Actors are user ids only. Oldest first; follow `more` until it is empty.',
      params: runParamsSchema,
      querystring: querySchema,
      response: { 200: statementResultSchema, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      const { key, code } = request.params;
      const run =
        staffRuns.get(request) ?? (await requireStaffRun(serviceContextOf(request), key, code, 'view_learners')).run;
      const page = await listRunStatementsUnchecked(request.server.platform.db, run.id, request.query);
      reply.header('x-experience-api-version', XAPI_VERSION);
      const path = `/api/v1/courses/${encodeURIComponent(key)}/runs/${encodeURIComponent(code)}/statements`;
      return presentPage(path, request.query, page);
    },
  });

  // Untyped on the reply side: the document is streamed, which no serializer should touch.
  app.get('/api/v1/me/learning-data', {
    onRequest: requireSignedIn,
    schema: {
      ...common,
      operationId: 'exportMyLearningData',
      summary: 'Download everything the platform records about the signed-in person’s learning',
      description:
        'A JSON file (an attachment named orbis-learning-data-<date>.json): account, enrollments, progress, quiz attempts with answers, grades and every learning record. Each export is audited.',
      response: {
        200: { description: 'The learning data.', content: { 'application/json': { schema: learningDataSchema } } },
        ...problemResponses(401),
      },
    },
    handler: async (request, reply) => sendLearningData(request, reply, requireViewer(request), 'api'),
  });
}
