import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  canViewInstitution,
  getInstitutionByKey,
  listInstitutionPeople,
  listInstitutions,
  type Institution,
} from '../../modules/institutions/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { requireSignedIn, serviceContextOf } from './guards.ts';
import {
  directoryPageSchema,
  directoryQuerySchema,
  institutionParamsSchema,
  institutionPeopleSchema,
  institutionSchema,
  presentInstitution,
  presentPerson,
} from './institution-schemas.ts';
import { OPTIONALLY_SIGNED_IN, SIGNED_IN, problemResponses } from './schemas.ts';

const TAGS = ['Institutions'];

/** Institutions that are not public look exactly like ones that do not exist. */
async function findVisibleInstitution(request: FastifyRequest, key: string): Promise<Institution> {
  const institution = await getInstitutionByKey(request.server.platform.db, key);
  if (!institution || !canViewInstitution(request.viewer?.actor ?? null, institution)) throw notFound('institution');
  return institution;
}

/** The alliance directory: public to everyone, like the pages under /institutions. */
export async function institutionRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/institutions', {
    schema: {
      operationId: 'listInstitutions',
      summary: 'Search the alliance’s member institutions',
      description: 'Lists members and founding members, ordered by name in the language of the request.',
      tags: TAGS,
      security: OPTIONALLY_SIGNED_IN,
      querystring: directoryQuerySchema,
      response: { 200: directoryPageSchema, ...problemResponses(400) },
    },
    handler: async (request) => {
      const { q, ...filter } = request.query;
      const page = await listInstitutions(request.server.platform.db, {
        ...filter,
        ...(q ? { query: q } : {}),
        locale: request.locale,
        visibility: 'public',
      });
      return {
        items: page.items.map((institution) => presentInstitution(institution, request.locale)),
        total: page.total,
        page: page.page,
        pageSize: page.pageSize,
        pageCount: page.pageCount,
        regionCounts: page.regionCounts,
        typeCounts: page.typeCounts,
      };
    },
  });

  api.get('/api/v1/institutions/:key', {
    schema: {
      operationId: 'getInstitution',
      summary: 'Show one institution',
      description:
        'Members are public; applicants and suspended institutions are visible only to their own people and the secretariat.',
      tags: TAGS,
      security: OPTIONALLY_SIGNED_IN,
      params: institutionParamsSchema,
      response: { 200: institutionSchema.describe('The institution.'), ...problemResponses(400, 404) },
    },
    handler: async (request) =>
      presentInstitution(await findVisibleInstitution(request, request.params.key), request.locale),
  });

  api.get('/api/v1/institutions/:key/members', {
    onRequest: requireSignedIn,
    schema: {
      operationId: 'listInstitutionMembers',
      summary: 'List the people who hold roles at an institution',
      description: 'For the institution’s admins and the secretariat only.',
      tags: TAGS,
      security: SIGNED_IN,
      params: institutionParamsSchema,
      response: { 200: institutionPeopleSchema, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const institution = await findVisibleInstitution(request, request.params.key);
      const people = await listInstitutionPeople(serviceContextOf(request), institution.id);
      return { items: people.map(presentPerson) };
    },
  });
}
