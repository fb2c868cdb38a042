/**
 * The shape of Open Badges 3.0 credentials (OpenBadgeCredential and EndorsementCredential), as
 * zod schemas that report every problem readably. Shape only: proofs are checked elsewhere.
 * Unknown properties are kept, as JSON-LD allows; canonicalization refuses undefined terms.
 */
import { z } from 'zod';
import { VC_V2_CONTEXT } from './contexts.ts';

const OB_CONTEXT_PATTERN = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context-3\.\d+\.\d+\.json$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

const uri = z.string().regex(ABSOLUTE_URI, 'must be an absolute URI');
const dateTime = z.iso.datetime({
  offset: true,
  error: 'must be a date-time with a zone, such as 2027-03-01T09:00:00Z',
});
const text = z.string().min(1, 'must not be empty');

function typeIncluding(...required: string[]) {
  return z.union([z.string(), z.array(z.string())], { error: 'must be a type name or a list of them' }).refine(
    (value) => {
      const types = Array.isArray(value) ? value : [value];
      return required.every((name) => types.includes(name));
    },
    { message: `must include ${required.join(' and ')}` },
  );
}

const contextSchema = z
  .array(z.union([z.string(), z.record(z.string(), z.unknown())]), { error: 'must be a list of contexts' })
  .refine((contexts) => contexts[0] === VC_V2_CONTEXT, { message: `must start with ${VC_V2_CONTEXT}` })
  .refine((contexts) => typeof contexts[1] === 'string' && OB_CONTEXT_PATTERN.test(contexts[1]), {
    message: 'must have the Open Badges 3.0 context (…/ob/v3p0/context-3.x.x.json) second',
  });

export const addressSchema = z.looseObject({
  type: typeIncluding('Address'),
  addressCountryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .optional(),
  addressCountry: z.string().optional(),
  addressRegion: z.string().optional(),
  addressLocality: z.string().optional(),
});

export const profileSchema = z.looseObject({
  id: uri,
  type: typeIncluding('Profile'),
  name: z.string().optional(),
  url: uri.optional(),
  email: z.string().optional(),
  address: addressSchema.optional(),
});

export const alignmentSchema = z.looseObject({
  type: typeIncluding('Alignment'),
  targetName: text,
  targetUrl: uri,
  targetDescription: z.string().optional(),
  targetFramework: z.string().optional(),
  targetCode: z.string().optional(),
  targetType: z.string().optional(),
});

const criteriaSchema = z
  .looseObject({ id: uri.optional(), narrative: z.string().optional() })
  .refine((criteria) => criteria.id !== undefined || (criteria.narrative ?? '').length > 0, {
    message: 'needs an id or a narrative',
  });

export const resultDescriptionSchema = z.looseObject({
  id: uri,
  type: typeIncluding('ResultDescription'),
  name: text,
  resultType: text,
  allowedValue: z.array(z.string()).optional(),
});

export const achievementSchema = z.looseObject({
  id: uri,
  type: typeIncluding('Achievement'),
  name: text,
  description: z.string(),
  criteria: criteriaSchema,
  achievementType: z.string().optional(),
  creator: profileSchema.optional(),
  creditsAvailable: z.number().nonnegative().optional(),
  fieldOfStudy: z.string().optional(),
  inLanguage: z.string().optional(),
  alignment: z.array(alignmentSchema).optional(),
  resultDescription: z.array(resultDescriptionSchema).optional(),
});

const identityObjectSchema = z.looseObject({
  type: typeIncluding('IdentityObject'),
  identityHash: text,
  identityType: text,
  hashed: z.boolean(),
  salt: z.string().optional(),
});

const resultSchema = z.looseObject({
  type: typeIncluding('Result'),
  resultDescription: uri.optional(),
  value: z.string().optional(),
  status: z.string().optional(),
});

export const achievementSubjectSchema = z
  .looseObject({
    id: uri.optional(),
    identifier: z.array(identityObjectSchema).optional(),
    type: typeIncluding('AchievementSubject'),
    achievement: achievementSchema,
    creditsEarned: z.number().nonnegative().optional(),
    result: z.array(resultSchema).optional(),
  })
  .refine((subject) => subject.id !== undefined || (subject.identifier?.length ?? 0) > 0, {
    message: 'needs an id or at least one identifier',
  });

const statusSchema = z.looseObject({ id: uri.optional(), type: text });
const proofSchema = z.looseObject({ type: text });

const credentialBase = {
  '@context': contextSchema,
  id: uri,
  issuer: profileSchema,
  validFrom: dateTime,
  validUntil: dateTime.optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  credentialStatus: z.union([statusSchema, z.array(statusSchema)]).optional(),
  proof: z.union([proofSchema, z.array(proofSchema)]).optional(),
};

export const openBadgeCredentialSchema = z.looseObject({
  ...credentialBase,
  type: typeIncluding('VerifiableCredential').refine(
    (value) =>
      (Array.isArray(value) ? value : [value]).some(
        (type) => type === 'OpenBadgeCredential' || type === 'AchievementCredential',
      ),
    { message: 'must include OpenBadgeCredential (or its alias AchievementCredential)' },
  ),
  credentialSubject: achievementSubjectSchema,
  awardedDate: dateTime.optional(),
});

export const endorsementCredentialSchema = z.looseObject({
  ...credentialBase,
  type: typeIncluding('VerifiableCredential', 'EndorsementCredential'),
  credentialSubject: z.looseObject({
    id: uri,
    type: typeIncluding('EndorsementSubject'),
    endorsementComment: z.string().optional(),
  }),
});

export type OpenBadgeCredential = z.infer<typeof openBadgeCredentialSchema>;
export type EndorsementCredential = z.infer<typeof endorsementCredentialSchema>;

export type ShapeCheck<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
    return `${path ? path.slice(path.startsWith('.') ? 1 : 0) : '(credential)'}: ${issue.message}`;
  });
}

/** Every way the value fails to be an OpenBadgeCredential, as "path: problem" lines. */
export function checkOpenBadgeCredential(value: unknown): ShapeCheck<OpenBadgeCredential> {
  const parsed = openBadgeCredentialSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeIssues(parsed.error) };
}

export function checkEndorsementCredential(value: unknown): ShapeCheck<EndorsementCredential> {
  const parsed = endorsementCredentialSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeIssues(parsed.error) };
}
