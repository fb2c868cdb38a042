import { z } from 'zod';

const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?$/, 'must be a language tag such as en, zh-Hans or pt-BR');
/** Facet values travel in URLs: short lower-case tokens. */
const token = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_.:/-]{0,199}$/u, 'must be a short identifier');
const localizedText = z.record(languageTag, z.string().max(50_000));
const instant = z.coerce.date();

export const PACINGS = ['self_paced', 'scheduled'] as const;
export const OWNER_ROLES = ['lead', 'partner'] as const;
export const AVAILABILITIES = ['open_now', 'upcoming', 'self_paced'] as const;
export const SORTS = ['relevance', 'newest', 'starting_soon'] as const;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const MAX_QUERY_LENGTH = 200;

export const catalogRunSchema = z.object({
  code: z.string().min(1).max(32),
  pacing: z.enum(PACINGS),
  startsAt: instant.nullable(),
  endsAt: instant.nullable(),
  enrollmentOpensAt: instant.nullable(),
  enrollmentClosesAt: instant.nullable(),
  /** `none` means no certificate; any other policy offers one. */
  certificatePolicy: token,
  language: languageTag,
});

export const catalogOwnerSchema = z.object({
  institutionId: z.number().int().positive(),
  key: token,
  name: localizedText,
  country: z.string().regex(/^[A-Z]{2}$/),
  role: z.enum(OWNER_ROLES),
});

export const catalogSkillSchema = z.object({
  name: localizedText.refine((value) => Object.keys(value).length > 0, 'needs a name'),
  escoUri: z.string().max(200).optional(),
});

/** What the courses module hands over after each publish or run change. */
export const catalogDocumentSchema = z.object({
  courseId: z.number().int().positive(),
  courseUuid: z.uuid(),
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  titles: localizedText.refine((value) => Object.keys(value).length > 0, 'needs a title'),
  shortDescriptions: localizedText.default({}),
  /** Plain text, markup already removed. */
  descriptions: localizedText.default({}),
  outcomes: z.array(localizedText).max(50).default([]),
  skills: z.array(catalogSkillSchema).max(50).default([]),
  subjects: z.array(token).max(10).default([]),
  level: token,
  languages: z.array(languageTag).max(20).default([]),
  owners: z.array(catalogOwnerSchema).min(1).max(20),
  runs: z.array(catalogRunSchema).max(200).default([]),
  imageUrl: z.string().max(2000).nullable().default(null),
  workloadHours: z.number().min(0).nullable().default(null),
  ectsCredits: z.number().min(0).nullable().default(null),
  licence: z.string().max(40).nullable().default(null),
  publishedAt: instant,
});

const multi = <T extends z.ZodType>(item: T) => z.array(item).max(50).default([]);

/** A search as the web layer passes it; `now` comes from the caller's clock. */
export const catalogQuerySchema = z.object({
  q: z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).default(''),
  subjects: multi(token),
  languages: multi(languageTag),
  institutions: multi(token),
  levels: multi(token),
  pacings: multi(z.enum(PACINGS)),
  availability: multi(z.enum(AVAILABILITIES)),
  certificate: z.boolean().default(false),
  skills: multi(token),
  sort: z.enum(SORTS).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  now: instant,
});

export type CatalogDocument = z.input<typeof catalogDocumentSchema>;
export type ParsedDocument = z.output<typeof catalogDocumentSchema>;
export type CatalogRunInput = z.input<typeof catalogRunSchema>;
export type CatalogOwnerInput = z.input<typeof catalogOwnerSchema>;
export type CatalogQuery = z.input<typeof catalogQuerySchema>;
export type ParsedQuery = z.output<typeof catalogQuerySchema>;
export type Pacing = (typeof PACINGS)[number];
export type Availability = (typeof AVAILABILITIES)[number];
export type CatalogSort = (typeof SORTS)[number];
