import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  buildIssuerDid,
  buildIssuerProfile,
  getInstitutionDidDocument,
  readCredentialSettings,
} from '../../../modules/credentials/index.ts';
import { canViewInstitution, getInstitutionByKey, localize } from '../../../modules/institutions/index.ts';
import { notFound } from '../../../platform/errors/index.ts';
import { institutionParamsSchema } from '../institution-schemas.ts';
import { OPTIONALLY_SIGNED_IN, problemResponses } from '../schemas.ts';
import { CREDENTIAL_TAGS } from './credentials.ts';

const didDocumentSchema = z
  .object({
    '@context': z.array(z.string()),
    id: z.string(),
    verificationMethod: z.array(
      z.object({
        id: z.string().describe('<did>#key-<n>'),
        type: z.literal('Multikey'),
        controller: z.string(),
        publicKeyMultibase: z.string().describe('An Ed25519 public key, z6Mk…'),
        revoked: z.string().optional().describe('Proofs made at or after this time are refused.'),
      }),
    ),
    assertionMethod: z.array(z.string()),
    authentication: z.array(z.string()).optional(),
  })
  .describe('The did:web document, listing every key the institution ever signed with.');

const issuerProfileSchema = z
  .object({
    id: z.string().describe('The institution’s did:web DID, the issuer.id of its credentials.'),
    type: z.array(z.string()).describe('["Profile"]'),
    name: z.string().describe('The name in the language of the request.'),
    url: z.string().optional().describe('The institution’s website.'),
    address: z
      .object({ type: z.array(z.string()), addressCountryCode: z.string().optional() })
      .optional()
      .describe('The country, ISO 3166-1 alpha-2.'),
    didDocument: didDocumentSchema
      .nullable()
      .describe('Null until the institution has signed its first credential and so has a key.'),
    didUrl: z.url().describe('Where the DID document is published (did:web resolution).'),
    jwksUrl: z.url().describe('The same keys as a JSON Web Key Set, for VC-JWT verifiers.'),
  })
  .meta({ id: 'IssuerProfile' });

const profileFieldsSchema = issuerProfileSchema.pick({ id: true, type: true, name: true, url: true, address: true });

/** Institutions as issuers of credentials: the Open Badges 3.0 Profile verifiers look for. */
export async function issuerRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/institutions/:key/issuer', {
    schema: {
      tags: CREDENTIAL_TAGS,
      security: OPTIONALLY_SIGNED_IN,
      operationId: 'getIssuerProfile',
      summary: 'Show an institution as an issuer of credentials',
      description:
        'The Open Badges 3.0 Profile an institution signs its credentials as, with its DID document and where its keys are published. Institutions that are not public look like ones that do not exist.',
      params: institutionParamsSchema,
      response: { 200: issuerProfileSchema, ...problemResponses(400, 404) },
    },
    handler: async (request) => {
      const { db } = request.server.platform;
      const institution = await getInstitutionByKey(db, request.params.key);
      if (!institution || !canViewInstitution(request.viewer?.actor ?? null, institution)) {
        throw notFound('institution');
      }
      const profile = profileFieldsSchema.parse(
        buildIssuerProfile({
          id: buildIssuerDid(institution.key),
          name: localize(institution.name, request.locale),
          ...(institution.website ? { url: institution.website } : {}),
          countryCode: institution.country,
        }),
      );
      const home = `${readCredentialSettings().baseUrl}/institutions/${institution.key}`;
      return {
        ...profile,
        didDocument: await getInstitutionDidDocument(db, institution.key),
        didUrl: `${home}/did.json`,
        jwksUrl: `${home}/jwks.json`,
      };
    },
  });
}
