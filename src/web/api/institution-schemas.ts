import { z } from 'zod';
import {
  DEFAULT_PAGE_SIZE,
  INSTITUTION_ROLES,
  INSTITUTION_TYPES,
  MAX_PAGE_SIZE,
  MEMBERSHIP_STATUSES,
  institutionKeySchema,
  localize,
  type Institution,
  type InstitutionPerson,
  type LocalizedText,
} from '../../modules/institutions/index.ts';
import { WORLD_REGIONS, type Locale } from '../../platform/i18n/index.ts';
import { countryCodeSchema } from './me-schemas.ts';
import { lineText } from './schemas.ts';

const localizedTextSchema = z
  .object({ en: z.string().optional(), 'zh-Hans': z.string().optional(), ar: z.string().optional() })
  .describe('The same text in each language it was written in.');

export const institutionSchema = z.object({
  id: z.number().int(),
  uuid: z.uuid(),
  key: z.string().describe('Readable identifier, used in URLs.'),
  type: z.enum(INSTITUTION_TYPES),
  name: localizedTextSchema,
  displayName: z.string().describe('The name in the language of the request, falling back to English.'),
  shortName: z.string(),
  country: z.string().describe('ISO 3166-1 alpha-2 code.'),
  region: z.enum(WORLD_REGIONS).nullable(),
  city: z.string(),
  website: z.string().nullable(),
  logoUrl: z.string().nullable(),
  description: localizedTextSchema,
  membershipStatus: z.enum(MEMBERSHIP_STATUSES),
  joinedOn: z.iso.date().nullable(),
});

const countsOf = <const Names extends readonly [string, ...string[]]>(names: Names) =>
  z.record(z.enum(names), z.number().int());

export const directoryPageSchema = z
  .object({
    items: z.array(institutionSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    pageCount: z.number().int(),
    regionCounts: countsOf(WORLD_REGIONS).describe(
      'Matching institutions per world region, ignoring the region filter.',
    ),
    typeCounts: countsOf(INSTITUTION_TYPES).describe('Matching institutions per type, ignoring the type filter.'),
  })
  .describe('One page of matching institutions, with counts to refine the search.');

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const directoryQuerySchema = z.strictObject({
  country: countryCodeSchema.optional().describe('ISO 3166-1 alpha-2 code, such as KE.'),
  region: z.enum(WORLD_REGIONS).optional().describe('World region (UN M49).'),
  type: z.enum(INSTITUTION_TYPES).optional().describe('Kind of institution.'),
  q: lineText(200).optional().describe('Words in the name or short name, in any language.'),
  page: wholeNumber(1, 100_000).optional().describe('Page number, from 1.'),
  pageSize: wholeNumber(1, MAX_PAGE_SIZE).optional().describe(`Institutions per page (default ${DEFAULT_PAGE_SIZE}).`),
});

export const institutionParamsSchema = z.strictObject({
  key: institutionKeySchema.describe('The institution’s key, such as tsinghua.'),
});

export const institutionPersonSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(INSTITUTION_ROLES)),
});

export const institutionPeopleSchema = z
  .object({ items: z.array(institutionPersonSchema) })
  .describe('Everyone with at least one role at the institution.');

const LANGUAGES = ['en', 'zh-Hans', 'ar'] as const;

function presentText(text: LocalizedText | null | undefined) {
  const source = text ?? {};
  return Object.fromEntries(
    LANGUAGES.flatMap((language) => (typeof source[language] === 'string' ? [[language, source[language]]] : [])),
  );
}

export function presentInstitution(institution: Institution, locale: Locale) {
  return {
    id: institution.id,
    uuid: institution.uuid,
    key: institution.key,
    type: institution.type,
    name: presentText(institution.name),
    displayName: localize(institution.name, locale),
    shortName: institution.shortName,
    country: institution.country,
    region: institution.region,
    city: institution.city,
    website: institution.website,
    logoUrl: institution.logoUrl,
    description: presentText(institution.description),
    membershipStatus: institution.membershipStatus,
    joinedOn: institution.joinedOn,
  };
}

export function presentPerson(person: InstitutionPerson) {
  return { userId: person.userId, name: person.name, email: person.email, roles: person.roles };
}
