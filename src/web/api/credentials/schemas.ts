import { z } from 'zod';
import {
  CREDENTIAL_KINDS,
  VERIFICATION_STEPS,
  buildCredentialUrl,
  readCredentialSettings,
  type CredentialSummary,
} from '../../../modules/credentials/index.ts';
import { listInstitutionsByIds, localize, type Institution } from '../../../modules/institutions/index.ts';
import type { ServiceContext } from '../../../platform/access/index.ts';
import { credentialJsonPath, credentialJwtPath } from '../../pages/credentials/paths.ts';
import { multilineText } from '../schemas.ts';

/** What the credential operations take and give, and the presenters that build their answers. */

export const credentialParamsSchema = z.strictObject({
  uuid: z.uuid('must be a credential id (a UUID)').describe('The credential’s id, as listed by listMyCredentials.'),
});

const iso = z.iso.datetime();

export const credentialSummarySchema = z
  .object({
    uuid: z.uuid(),
    kind: z.enum(CREDENTIAL_KINDS).describe('A course certificate or a program (micro-credential).'),
    title: z.string().describe('The achievement’s name, in the credential’s language.'),
    language: z.string().describe('The language the credential is written in (BCP 47).'),
    issuer: z.object({
      key: z.string().describe('The awarding institution’s key.'),
      name: z.string().describe('Its name in the language of the request.'),
    }),
    issuedAt: iso,
    public: z.boolean().describe('Whether anyone with the link may see it (the learner decides).'),
    revoked: z
      .object({ at: iso, reason: z.string() })
      .nullable()
      .describe('When and why the awarding institution revoked it; null while it stands.'),
    links: z.object({
      page: z.url().describe('The credential’s page, which is also its id.'),
      json: z.url().describe('The signed credential as JSON-LD with its Data Integrity proof.'),
      jwt: z.url().describe('The same credential as a compact VC-JWT.'),
    }),
  })
  .meta({ id: 'CredentialSummary' });

export const credentialListSchema = z.object({ items: z.array(credentialSummarySchema) });

export const credentialDocumentSchema = z
  .record(z.string(), z.unknown())
  .describe('An Open Badges 3.0 credential (a W3C Verifiable Credential 2.0) as JSON.');

export const storedCredentialSchema = z.object({
  summary: credentialSummarySchema,
  credential: credentialDocumentSchema.describe('The signed credential, with its Data Integrity proof.'),
  jwt: z.string().describe('The same credential as a compact VC-JWT (EdDSA).'),
});

export const revokeBodySchema = z
  .strictObject({
    reason: multilineText(500)
      .refine((value) => value.length >= 3, 'must be at least 3 characters')
      .describe('Why it is revoked (3 to 500 characters); shown to verifiers and kept in the audit log.'),
  })
  .describe('Revoking is final: the status list says so from now on.');

const MAX_JSON_DEPTH = 64;
const MAX_JWT_LENGTH = 200_000;

/** How deeply a JSON value nests, counted without recursion so no input can exhaust the stack. */
export function measureJsonDepth(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

export const verifyBodySchema = z
  .strictObject({
    credential: credentialDocumentSchema
      .refine((value) => measureJsonDepth(value) <= MAX_JSON_DEPTH, `must not nest deeper than ${MAX_JSON_DEPTH}`)
      .optional()
      .describe('The credential as a JSON object with an embedded proof.'),
    jwt: z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_JWT_LENGTH, `must be at most ${MAX_JWT_LENGTH} characters`)
      .optional()
      .describe('The credential as a compact VC-JWT.'),
  })
  .refine((value) => (value.credential === undefined) !== (value.jwt === undefined), {
    message: 'give either credential or jwt, not both and not neither',
  })
  .describe('Exactly one of credential and jwt.');

const nullableText = z.string().nullable();

export const verificationReportSchema = z
  .object({
    verdict: z
      .enum(['verified', 'revoked', 'expired', 'not_yet_valid', 'invalid'])
      .describe('verified only when every step passed (the status step may be skipped when it has no status).'),
    form: z.enum(['json', 'jwt']).nullable().describe('How the credential was given; null when unreadable.'),
    steps: z.array(
      z.object({
        id: z.enum(VERIFICATION_STEPS),
        outcome: z.enum(['passed', 'failed', 'skipped']),
        detail: z.string().describe('What was checked and found, in English.'),
        reason: z.string().optional().describe('A stable code for a failure, such as invalid_signature.'),
      }),
    ),
    credential: z
      .object({
        id: nullableText,
        name: nullableText,
        achievementName: nullableText,
        issuerId: nullableText,
        issuerName: nullableText,
        learnerName: nullableText,
        validFrom: nullableText,
        validUntil: nullableText,
        result: nullableText,
      })
      .nullable()
      .describe('What the credential claims, as read; trust it only when the verdict is verified.'),
  })
  .meta({ id: 'VerificationReport' });

/** The addresses of a credential's page and downloads, on the origin its id uses. */
export function buildCredentialLinks(uuid: string) {
  const { baseUrl } = readCredentialSettings();
  return {
    page: buildCredentialUrl(baseUrl, uuid),
    json: `${baseUrl}${credentialJsonPath(uuid)}`,
    jwt: `${baseUrl}${credentialJwtPath(uuid)}`,
  };
}

function presentSummary(summary: CredentialSummary, issuer: Institution | undefined, locale: string) {
  return {
    uuid: summary.uuid,
    kind: summary.kind,
    title: summary.title,
    language: summary.language,
    issuer: { key: issuer?.key ?? '', name: issuer ? localize(issuer.name, locale) : '' },
    issuedAt: summary.issuedAt.toISOString(),
    public: summary.public,
    revoked: summary.revokedAt ? { at: summary.revokedAt.toISOString(), reason: summary.revokedReason ?? '' } : null,
    links: buildCredentialLinks(summary.uuid),
  };
}

export type PresentedSummary = ReturnType<typeof presentSummary>;

/** Summaries with their issuers' keys and names, the institutions read in one query. */
export async function presentSummaries(
  executor: ServiceContext['db'],
  summaries: readonly CredentialSummary[],
  locale: string,
): Promise<PresentedSummary[]> {
  const ids = [...new Set(summaries.map((summary) => summary.institutionId))];
  const institutions = new Map((await listInstitutionsByIds(executor, ids)).map((entry) => [entry.id, entry]));
  return summaries.map((summary) => presentSummary(summary, institutions.get(summary.institutionId), locale));
}
