import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createProgram, getProgramProgress } from '../../../modules/credentials/index.ts';
import { forbidden } from '../../../platform/errors/index.ts';
import { requireSignedIn, requireViewer, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';
import { CREDENTIAL_TAGS } from './credentials.ts';
import {
  newProgramBodySchema,
  presentProgram,
  presentProgress,
  programParamsSchema,
  programProgressSchema,
  programSchema,
} from './program-schemas.ts';

const PROGRAM_ROLES: ReadonlySet<string> = new Set(['admin', 'registrar']);

/**
 * Route hook: only someone who administers an institution, or is its registrar, defines programs;
 * others are refused before the body is validated. The service checks the lead institution itself.
 */
async function checkMayDefinePrograms(request: FastifyRequest): Promise<void> {
  const { actor } = requireViewer(request);
  if (!actor.memberships.some((membership) => PROGRAM_ROLES.has(membership.role))) {
    throw forbidden('Only an institution’s admins and registrars define its programs.');
  }
}

/** Programs (micro-credentials): defining one, and a learner's progress through it. */
export async function programRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/v1/programs', {
    onRequest: [requireSignedIn, checkMayDefinePrograms],
    schema: {
      tags: CREDENTIAL_TAGS,
      security: SIGNED_IN,
      operationId: 'createProgram',
      summary: 'Define a program',
      description:
        'For the admins and registrars of the lead institution. Every course must be published and owned (led or partnered) by one of the program’s institutions. Learners who hold certificates for enough of the courses receive one program credential, which cites the course certificates. Audited.',
      body: newProgramBodySchema,
      response: { 201: programSchema, ...problemResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) => {
      const ctx = serviceContextOf(request);
      const program = await createProgram(ctx, request.body);
      return reply.status(201).send(await presentProgram(ctx.db, program));
    },
  });

  api.get('/api/v1/programs/:key/progress', {
    onRequest: requireSignedIn,
    schema: {
      tags: CREDENTIAL_TAGS,
      security: SIGNED_IN,
      operationId: 'getProgramProgress',
      summary: 'Show your progress through a program',
      description:
        'Each course of the program with whether you passed it (holding a certificate that is not revoked), are enrolled or have not started, how many you need, and the program credential once issued.',
      params: programParamsSchema,
      response: { 200: programProgressSchema, ...problemResponses(400, 401, 404) },
    },
    handler: async (request) => {
      const ctx = serviceContextOf(request);
      return presentProgress(ctx.db, await getProgramProgress(ctx, request.params.key));
    },
  });
}
