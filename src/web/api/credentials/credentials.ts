import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  canRevokeCredential,
  getCredential,
  listMyCredentials,
  revokeCredential,
  verifyPresentedCredential,
} from '../../../modules/credentials/index.ts';
import { forbidden } from '../../../platform/errors/index.ts';
import { requireSignedIn, requireViewer, serviceContextOf } from '../guards.ts';
import { OPTIONALLY_SIGNED_IN, SIGNED_IN, problemResponses } from '../schemas.ts';
import {
  credentialListSchema,
  credentialParamsSchema,
  credentialSummarySchema,
  presentSummaries,
  revokeBodySchema,
  storedCredentialSchema,
  verificationReportSchema,
  verifyBodySchema,
} from './schemas.ts';

export const CREDENTIAL_TAGS = ['Credentials'];

/** Verifying runs canonicalization and signature checks; a body this size is already a large credential. */
const VERIFY_BODY_LIMIT = 256 * 1024;

/**
 * Route hook for revoking: 401 for nobody, 404 for a credential the caller cannot see, 403 for one
 * they see but may not revoke, all before the body is validated. The service checks again.
 */
async function checkMayRevoke(request: FastifyRequest): Promise<void> {
  requireViewer(request);
  const params = credentialParamsSchema.safeParse(request.params);
  if (!params.success) return;
  const ctx = serviceContextOf(request);
  const credential = await getCredential(ctx, params.data.uuid);
  if (!canRevokeCredential(ctx.actor, credential.institutionId)) {
    throw forbidden('Only the awarding institution’s admins and registrars revoke its credentials.');
  }
}

/** A learner's credentials, one credential, verification for anyone, and revocation. */
export async function credentialRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Verification is the heaviest public operation; where limits apply, it gets a tighter one.
  const verifyLimit = app.platform.config.rateLimit ? { max: 60, timeWindow: '1 minute' } : false;

  api.get('/api/v1/me/credentials', {
    onRequest: requireSignedIn,
    schema: {
      tags: CREDENTIAL_TAGS,
      security: SIGNED_IN,
      operationId: 'listMyCredentials',
      summary: 'List your credentials',
      description:
        'Every certificate and program credential issued to the signed-in person, newest first, revoked ones included, with links to each one’s page and downloads.',
      response: { 200: credentialListSchema, ...problemResponses(401) },
    },
    handler: async (request) => {
      const ctx = serviceContextOf(request);
      return { items: await presentSummaries(ctx.db, await listMyCredentials(ctx), request.locale) };
    },
  });

  api.get('/api/v1/credentials/:uuid', {
    schema: {
      tags: CREDENTIAL_TAGS,
      security: OPTIONALLY_SIGNED_IN,
      operationId: 'getCredential',
      summary: 'Show one credential, signed',
      description:
        'For the learner it was issued to, the admins and registrars of the awarding institution, and anyone when the learner made it public. Others get 404, as for a credential that does not exist.',
      params: credentialParamsSchema,
      response: { 200: storedCredentialSchema, ...problemResponses(400, 404) },
    },
    handler: async (request) => {
      const ctx = serviceContextOf(request);
      const { document, jwt, ...summary } = await getCredential(ctx, request.params.uuid);
      const [presented] = await presentSummaries(ctx.db, [summary], request.locale);
      return { summary: presented!, credential: document, jwt };
    },
  });

  api.post('/api/v1/credentials/verify', {
    bodyLimit: VERIFY_BODY_LIMIT,
    config: { rateLimit: verifyLimit },
    schema: {
      tags: CREDENTIAL_TAGS,
      security: OPTIONALLY_SIGNED_IN,
      operationId: 'verifyCredential',
      summary: 'Verify an Open Badges 3.0 credential',
      description:
        'Anyone may verify a credential, from Orbis or another issuer: give it as JSON with an embedded proof, or as a compact VC-JWT (at most 256 KB). The answer is a report, step by step (format, shape, proof, dates, status, type), and a verdict; a credential that fails is still a 200 whose verdict says why. Only a malformed request is a 400.',
      body: verifyBodySchema,
      response: { 200: verificationReportSchema, ...problemResponses(400) },
    },
    handler: async (request) => {
      const { credential, jwt } = request.body;
      const input = credential ?? jwt ?? '';
      return verifyPresentedCredential(request.server.platform.db, input, request.server.platform.clock.now());
    },
  });

  api.post('/api/v1/credentials/:uuid/revoke', {
    onRequest: [requireSignedIn, checkMayRevoke],
    schema: {
      tags: CREDENTIAL_TAGS,
      security: SIGNED_IN,
      operationId: 'revokeCredential',
      summary: 'Revoke a credential',
      description:
        'For the admins and registrars of the awarding institution. Sets the credential’s bit in the institution’s status list and re-signs the list, so every verifier sees it as revoked from now on; audited with the reason. Revoking twice is a 409.',
      params: credentialParamsSchema,
      body: revokeBodySchema,
      response: { 200: credentialSummarySchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => {
      const ctx = serviceContextOf(request);
      const summary = await revokeCredential(ctx, request.params.uuid, request.body.reason);
      const [presented] = await presentSummaries(ctx.db, [summary], request.locale);
      return presented!;
    },
  });
}
