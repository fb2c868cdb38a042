import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchCatalog } from '../../../modules/catalog/index.ts';
import {
  CERTIFICATE_POLICIES,
  PACINGS,
  createRun,
  getCourseAccess,
  gradingPolicySchema,
  languageTagSchema,
  listCourseRuns,
  runCodeSchema,
  updateRun,
} from '../../../modules/courses/index.ts';
import { serviceContextOf } from '../guards.ts';
import { OPTIONALLY_SIGNED_IN, SIGNED_IN, problemResponses } from '../schemas.ts';
import { requireCourseCapability } from './access.ts';
import { courseDetailSchema, loadCourseDetail } from './course-detail.ts';
import { presentSearchPage, searchPageSchema, searchQuerySchema, toCatalogQuery } from './search-schemas.ts';
import { courseParamsSchema, presentRun, runParamsSchema, runSchema } from './schemas.ts';

const TAGS = ['Courses'];

const date = z.iso.datetime({ offset: true, error: 'must be a date and time such as 2027-03-01T09:00:00Z' });
const runSettings = {
  pacing: z.enum(PACINGS, `must be one of ${PACINGS.join(', ')}`),
  language: languageTagSchema.describe('The language the run is taught in.'),
  enrollmentOpensAt: date.nullable().optional(),
  enrollmentClosesAt: date.nullable().optional(),
  startsAt: date.nullable().optional().describe('Required for a scheduled run.'),
  endsAt: date.nullable().optional().describe('Required for a scheduled run.'),
  capacity: z
    .number('must be a number')
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000_000, 'must be at most 10,000,000')
    .nullable()
    .optional(),
  certificatePolicy: z.enum(CERTIFICATE_POLICIES, `must be one of ${CERTIFICATE_POLICIES.join(', ')}`).optional(),
  gradingPolicy: gradingPolicySchema.optional(),
};
const newRunBodySchema = z
  .strictObject({ code: runCodeSchema, ...runSettings })
  .describe('A new run; it serves the latest release of the course.');
const runChangesBodySchema = z
  .strictObject({ ...runSettings, pacing: runSettings.pacing.optional(), language: runSettings.language.optional() })
  .describe('The settings to change; the code and the release stay.');

/** What anyone may read about published courses, and the runs the team opens. */
export async function courseReadRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/courses', {
    schema: {
      operationId: 'searchCourses',
      summary: 'Search the catalog of published courses',
      description: 'Words match in every language; filters of the same name may repeat and match any of their values.',
      tags: TAGS,
      security: OPTIONALLY_SIGNED_IN,
      querystring: searchQuerySchema,
      response: { 200: searchPageSchema, ...problemResponses(400) },
    },
    handler: async (request) => {
      const { db, clock } = request.server.platform;
      const page = await searchCatalog(db, toCatalogQuery(request.query, clock.now()));
      return presentSearchPage(page, request.locale);
    },
  });

  api.get('/api/v1/courses/:key', {
    schema: {
      operationId: 'getCourse',
      summary: 'Show a published course: description, owners, syllabus and runs',
      description: 'A course never published is visible only to its team, marked as a draft.',
      tags: TAGS,
      security: OPTIONALLY_SIGNED_IN,
      params: courseParamsSchema,
      response: { 200: courseDetailSchema, ...problemResponses(400, 404) },
    },
    handler: async (request) => loadCourseDetail(request, request.params.key),
  });

  api.get('/api/v1/courses/:key/runs', {
    schema: {
      operationId: 'listCourseRuns',
      summary: 'List the runs of a course',
      tags: TAGS,
      security: OPTIONALLY_SIGNED_IN,
      params: courseParamsSchema,
      response: {
        200: z.object({ items: z.array(runSchema) }).describe('Every run, the earliest start first.'),
        ...problemResponses(400, 404),
      },
    },
    handler: async (request) => {
      const { course } = await getCourseAccess(serviceContextOf(request), request.params.key);
      return { items: (await listCourseRuns(request.server.platform.db, course.id)).map(presentRun) };
    },
  });

  api.post('/api/v1/courses/:key/runs', {
    onRequest: requireCourseCapability('manage_runs'),
    schema: {
      operationId: 'createCourseRun',
      summary: 'Open a run of a published course',
      description: 'Lead instructors and instructors open runs. A scheduled run needs start and end dates.',
      tags: TAGS,
      security: SIGNED_IN,
      params: courseParamsSchema,
      body: newRunBodySchema,
      response: { 201: runSchema.describe('The new run.'), ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const run = await createRun(serviceContextOf(request), request.params.key, request.body);
      return reply.status(201).send(presentRun(run));
    },
  });

  api.patch('/api/v1/courses/:key/runs/:code', {
    onRequest: requireCourseCapability('manage_runs'),
    schema: {
      operationId: 'updateCourseRun',
      summary: 'Change a run’s dates, pacing, language, capacity or policies',
      tags: TAGS,
      security: SIGNED_IN,
      params: runParamsSchema,
      body: runChangesBodySchema,
      response: { 200: runSchema.describe('The run after the change.'), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { key, code } = request.params;
      return presentRun(await updateRun(serviceContextOf(request), key, code, request.body));
    },
  });
}
