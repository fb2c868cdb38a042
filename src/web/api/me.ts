import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  updateCurrentProfile,
  type UserProfile,
} from '../../modules/identity/index.ts';
import { getInstitutionById } from '../../modules/institutions/index.ts';
import { DomainError } from '../../platform/errors/index.ts';
import { requireSignedIn, requireViewer, serviceContextOf } from './guards.ts';
import {
  createdTokenSchema,
  newTokenSchema,
  presentProfile,
  presentToken,
  profileChangesSchema,
  profileSchema,
  tokenParamsSchema,
  tokenSummarySchema,
} from './me-schemas.ts';
import { SESSION_ONLY, SIGNED_IN, problemResponses } from './schemas.ts';

const TAGS = ['Account'];

async function presentViewerProfile(request: FastifyRequest, profile: UserProfile) {
  const { memberships } = requireViewer(request).actor;
  const { db } = request.server.platform;
  const ids = [...new Set(memberships.map((membership) => membership.institutionId))];
  const institutions = await Promise.all(ids.map((id) => getInstitutionById(db, id)));
  const keys = new Map(institutions.flatMap((institution) => (institution ? [[institution.id, institution.key]] : [])));
  return presentProfile(profile, memberships, keys);
}

/** The signed-in person: their profile and their personal API tokens. */
export async function meRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/me', {
    onRequest: requireSignedIn,
    schema: {
      operationId: 'getCurrentUser',
      summary: 'Show the signed-in person’s profile and institution roles',
      tags: TAGS,
      security: SIGNED_IN,
      response: { 200: profileSchema, ...problemResponses(401) },
    },
    handler: async (request) => presentViewerProfile(request, requireViewer(request).profile),
  });

  api.patch('/api/v1/me', {
    onRequest: requireSignedIn,
    schema: {
      operationId: 'updateCurrentUser',
      summary: 'Change the signed-in person’s name, country, language or bio',
      description: 'Send only the fields to change; null clears country, locale or bio.',
      tags: TAGS,
      security: SIGNED_IN,
      body: profileChangesSchema,
      response: { 200: profileSchema, ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => {
      const profile = await updateCurrentProfile(serviceContextOf(request), request.body);
      return presentViewerProfile(request, profile);
    },
  });

  api.get('/api/v1/me/tokens', {
    onRequest: requireSignedIn,
    schema: {
      operationId: 'listMyApiTokens',
      summary: 'List the signed-in person’s active personal API tokens',
      description: 'The secret tokens themselves are never shown again; only their prefixes.',
      tags: TAGS,
      security: SIGNED_IN,
      response: {
        200: z.object({ items: z.array(tokenSummarySchema) }).describe('Active tokens, newest first.'),
        ...problemResponses(401),
      },
    },
    handler: async (request) => ({ items: (await listApiTokens(serviceContextOf(request))).map(presentToken) }),
  });

  api.post('/api/v1/me/tokens', {
    onRequest: requireSignedIn,
    schema: {
      operationId: 'createApiToken',
      summary: 'Create a personal API token',
      description:
        'Only a browser session may create tokens: a leaked token must not be able to mint further tokens. A token may list and revoke tokens.',
      tags: TAGS,
      security: SESSION_ONLY,
      body: newTokenSchema,
      response: { 201: createdTokenSchema, ...problemResponses(400, 401, 403) },
    },
    handler: async (request, reply) => {
      if (requireViewer(request).actor.via !== 'session') {
        throw new DomainError(
          'forbidden',
          'api_token.session_required',
          'Personal API tokens can only be created from a browser session, not with another token.',
        );
      }
      const { token, summary } = await createApiToken(serviceContextOf(request), {
        name: request.body.name,
        expiresInDays: request.body.expiresInDays ?? null,
      });
      return reply.status(201).send({ ...presentToken(summary), token });
    },
  });

  api.delete('/api/v1/me/tokens/:uuid', {
    onRequest: requireSignedIn,
    schema: {
      operationId: 'revokeApiToken',
      summary: 'Revoke one of the signed-in person’s personal API tokens',
      tags: TAGS,
      security: SIGNED_IN,
      params: tokenParamsSchema,
      response: { 204: z.undefined().describe('The token no longer works.'), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      await revokeApiToken(serviceContextOf(request), request.params.uuid);
      return reply.status(204).send();
    },
  });
}
