import { z } from 'zod';
import type { ApiTokenSummary, UserProfile } from '../../modules/identity/index.ts';
import type { Membership } from '../../platform/access/index.ts';
import { SUPPORTED_LOCALES, isCountryCode } from '../../platform/i18n/index.ts';
import { lineText, multilineText } from './schemas.ts';

/** What the API says about the signed-in person: an allowlist, never a database row. */
export const profileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    country: z.string().nullable().describe('ISO 3166-1 alpha-2 code.'),
    locale: z.enum(SUPPORTED_LOCALES).nullable().describe('Preferred language of the interface and mail.'),
    bio: z.string().nullable(),
    platformRole: z.enum(['secretariat']).nullable(),
    memberships: z
      .array(
        z.object({
          institutionKey: z.string().optional(),
          institutionId: z.number().int(),
          role: z.string(),
        }),
      )
      .describe('Roles held at alliance institutions.'),
  })
  .describe('The signed-in person’s profile.');

export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as KE or TH');

const PROFILE_FIELDS = ['name', 'country', 'locale', 'bio'] as const;

export const profileChangesSchema = z
  .strictObject({
    name: lineText(100, 1).optional(),
    country: countryCodeSchema.nullable().optional().describe('ISO 3166-1 alpha-2 code, or null to clear.'),
    locale: z.enum(SUPPORTED_LOCALES).nullable().optional().describe('en, zh-Hans or ar, or null to clear.'),
    bio: multilineText(1000).nullable().optional().describe('At most 1,000 characters, or null to clear.'),
  })
  .refine((changes) => PROFILE_FIELDS.some((field) => changes[field] !== undefined), {
    message: `send at least one of ${PROFILE_FIELDS.join(', ')}`,
  });

export const tokenSummarySchema = z.object({
  uuid: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to tell tokens apart.'),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});

export const newTokenSchema = z.strictObject({
  name: lineText(100, 1).describe('What the token is for, such as "course export script".'),
  expiresInDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(365, 'must be at most 365 days')
    .nullable()
    .optional()
    .describe('Days until the token stops working; leave out for a token that does not expire.'),
});

export const createdTokenSchema = tokenSummarySchema
  .extend({
    token: z.string().describe('The secret token. It is shown only in this response; store it safely.'),
  })
  .describe('The new token, with its secret.');

export const tokenParamsSchema = z.strictObject({
  uuid: z.uuid('must be a UUID').describe('The token’s uuid, from listMyApiTokens.'),
});

export function presentProfile(profile: UserProfile, memberships: readonly Membership[], keys: Map<number, string>) {
  return {
    id: profile.id,
    name: profile.name,
    email: profile.email,
    emailVerified: profile.emailVerified,
    country: profile.country,
    locale: (SUPPORTED_LOCALES as readonly string[]).includes(profile.locale ?? '')
      ? (profile.locale as (typeof SUPPORTED_LOCALES)[number])
      : null,
    bio: profile.bio,
    platformRole: profile.platformRole,
    memberships: memberships.map((membership) => ({
      ...(keys.has(membership.institutionId) ? { institutionKey: keys.get(membership.institutionId)! } : {}),
      institutionId: membership.institutionId,
      role: membership.role,
    })),
  };
}

export function presentToken(summary: ApiTokenSummary) {
  return {
    uuid: summary.uuid,
    name: summary.name,
    prefix: summary.prefix,
    createdAt: summary.createdAt.toISOString(),
    lastUsedAt: summary.lastUsedAt?.toISOString() ?? null,
    expiresAt: summary.expiresAt?.toISOString() ?? null,
  };
}
