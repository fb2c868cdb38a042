import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchCatalog, type CatalogHit } from '../../../modules/catalog/index.ts';
import { getCourseByKey, getPublishedTree, listCourseRuns } from '../../../modules/courses/index.ts';
import { getInstitutionById } from '../../../modules/institutions/index.ts';
import { problemResponses, problemSchema } from '../schemas.ts';
import {
  MOOCHUB_MAJOR_VERSION,
  MOOCHUB_MEDIA_TYPE,
  presentMoochubCourse,
  type MoochubSource,
} from './moochub-present.ts';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const feedQuerySchema = z.strictObject({
  'page[number]': wholeNumber(1, 10_000).optional().describe('Page number, from 1 (JSON:API paging).'),
  'page[size]': wholeNumber(1, MAX_PAGE_SIZE).optional().describe(`Courses per page (default ${DEFAULT_PAGE_SIZE}).`),
});

const organizationSchema = z.object({ type: z.literal('Organization'), name: z.string(), url: z.string().nullable() });

const feedSchema = z
  .object({
    links: z.object({
      self: z.string(),
      first: z.string(),
      last: z.string(),
      next: z.string().optional(),
      prev: z.string().optional(),
    }),
    data: z.array(
      z.object({
        id: z.uuid(),
        type: z.literal('Course'),
        attributes: z.looseObject({
          name: z.string(),
          learningResourceType: z.object({ identifier: z.string(), type: z.string(), inScheme: z.string() }),
          publisher: organizationSchema,
          url: z.string(),
          license: z.array(z.object({ identifier: z.string(), url: z.string().nullable() })),
          creator: z.array(organizationSchema),
        }),
      }),
    ),
  })
  .describe('One page of published courses as a MOOChub v3 JSON:API document.');

/**
 * Clients name the major MOOChub version they were built for in Accept. Only version 3 is
 * served; asking for another is refused rather than answered in a shape the client cannot read.
 */
export function checkMoochubVersion(request: FastifyRequest): void {
  const accept = request.headers.accept ?? '';
  const asked = [...accept.matchAll(/moochub-version\s*=\s*"?(\d+)/gi)].map((match) => Number(match[1]));
  if (asked.length === 0 || asked.includes(MOOCHUB_MAJOR_VERSION)) return;
  throw Object.assign(
    new Error(
      `This feed speaks MOOChub version ${MOOCHUB_MAJOR_VERSION} only; version ${asked.join(', ')} is not available. Ask for application/vnd.api+json; moochub-version=${MOOCHUB_MAJOR_VERSION}.`,
    ),
    { statusCode: 406, code: 'MOOCHUB_VERSION_UNSUPPORTED' },
  );
}

async function loadSource(request: FastifyRequest, hit: CatalogHit): Promise<MoochubSource | null> {
  const { db } = request.server.platform;
  const [course, tree] = await Promise.all([getCourseByKey(db, hit.key), getPublishedTree(db, hit.key)]);
  if (!course || !tree) return null;
  const institutions = await Promise.all(course.owners.map((owner) => getInstitutionById(db, owner.institutionId)));
  const organizations = course.owners.map((owner, index) => ({
    name: owner.name.en ?? Object.values(owner.name)[0] ?? owner.key,
    url: institutions[index]?.website ?? null,
  }));
  if (organizations.length === 0) return null;
  return {
    uuid: course.uuid,
    key: course.key,
    metadata: tree.metadata,
    organizations,
    runs: await listCourseRuns(db, course.id),
    imageUrl: hit.imageUrl,
    publishedAt: new Date(hit.publishedAt),
  };
}

function pageLink(baseUrl: string, page: number, size: number): string {
  return `${baseUrl}/api/v1/moochub/courses?page[number]=${page}&page[size]=${size}`;
}

/** The alliance's published courses for MOOChub aggregators. */
export async function moochubRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/moochub/courses', {
    onRequest: async (request) => checkMoochubVersion(request),
    schema: {
      operationId: 'listMoochubCourses',
      summary: 'List published courses in the MOOChub v3 format',
      description: `A JSON:API document (${MOOCHUB_MEDIA_TYPE}) for MOOC aggregators, newest courses first. Asking for another major version in Accept answers 406.`,
      tags: ['MOOChub'],
      security: [{}],
      querystring: feedQuerySchema,
      response: {
        200: { description: 'One page of courses.', content: { 'application/vnd.api+json': { schema: feedSchema } } },
        ...problemResponses(400),
        406: {
          description: 'The Accept header asks for a MOOChub version this feed does not speak.',
          content: { 'application/problem+json': { schema: problemSchema } },
        },
      },
    },
    handler: async (request, reply) => {
      const { db, clock, config } = request.server.platform;
      const number = request.query['page[number]'] ?? 1;
      const size = request.query['page[size]'] ?? DEFAULT_PAGE_SIZE;
      const page = await searchCatalog(db, { q: '', sort: 'newest', page: number, pageSize: size, now: clock.now() });
      const sources = await Promise.all(page.items.map((hit) => loadSource(request, hit)));
      const baseUrl = config.baseUrl;
      const last = Math.max(1, page.pageCount);
      // With its charset given, the media type is sent as written (moochub-version=3, unquoted).
      reply.header('content-type', `${MOOCHUB_MEDIA_TYPE}; charset=utf-8`);
      return {
        links: {
          self: pageLink(baseUrl, number, size),
          first: pageLink(baseUrl, 1, size),
          last: pageLink(baseUrl, last, size),
          ...(number < last ? { next: pageLink(baseUrl, number + 1, size) } : {}),
          ...(number > 1 ? { prev: pageLink(baseUrl, Math.min(number - 1, last), size) } : {}),
        },
        data: sources.flatMap((source) => (source ? [presentMoochubCourse(source, baseUrl)] : [])),
      };
    },
  });
}
