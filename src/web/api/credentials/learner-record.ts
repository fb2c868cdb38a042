import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CREDENTIAL_KINDS,
  exportClrLearnerRecord,
  exportPlainLearnerRecord,
} from '../../../modules/credentials/index.ts';
import { requireSignedIn, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';
import { CREDENTIAL_TAGS } from './credentials.ts';
import { credentialDocumentSchema } from './schemas.ts';

const querySchema = z.strictObject({
  format: z
    .enum(['clr', 'json'])
    .default('clr')
    .describe('clr (the default): one CLR 2.0 credential signed by the platform; json: plain facts.'),
});

const signedRecordSchema = z
  .object({
    credential: credentialDocumentSchema.describe(
      'A CLR 2.0 ClrCredential signed by the platform, holding every credential that is not revoked with its own proofs.',
    ),
    jwt: z.string().describe('The same ClrCredential as a compact VC-JWT.'),
  })
  .meta({ id: 'SignedLearnerRecord' });

const plainRecordSchema = z
  .object({
    learner: z.object({ id: z.string(), name: z.string() }),
    exportedAt: z.iso.datetime(),
    credentials: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(CREDENTIAL_KINDS),
        title: z.string(),
        issuedAt: z.iso.datetime(),
        revoked: z.object({ at: z.iso.datetime(), reason: z.string().nullable() }).nullable(),
        url: z.string(),
        credential: credentialDocumentSchema,
        jwt: z.string(),
      }),
    ),
  })
  .meta({ id: 'PlainLearnerRecord' });

/** The learner record: everything the signed-in learner holds, in one document. */
export async function learnerRecordRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/me/learner-record', {
    onRequest: requireSignedIn,
    schema: {
      tags: CREDENTIAL_TAGS,
      security: SIGNED_IN,
      operationId: 'exportLearnerRecord',
      summary: 'Export your learner record',
      description:
        'Every credential you hold. As clr, one Comprehensive Learner Record 2.0 credential signed now by the platform, which another institution can verify in one step; revoked credentials are left out. As json, the plain list, revoked ones marked.',
      querystring: querySchema,
      response: { 200: z.union([signedRecordSchema, plainRecordSchema]), ...problemResponses(400, 401) },
    },
    handler: async (request) => {
      const ctx = serviceContextOf(request);
      return request.query.format === 'json' ? exportPlainLearnerRecord(ctx) : exportClrLearnerRecord(ctx);
    },
  });
}
