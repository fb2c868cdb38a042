import { z } from 'zod';
import {
  AVAILABILITIES,
  FACET_NAMES,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  SORTS,
  type CatalogHit,
  type CatalogPage,
  type CatalogQuery,
} from '../../../modules/catalog/index.ts';
import { LEVELS, PACINGS, SUBJECTS, languageTagSchema } from '../../../modules/courses/index.ts';
import { institutionKeySchema } from '../../../modules/institutions/index.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { lineText } from '../schemas.ts';
import { localizedTextOutput, pickText } from './schemas.ts';

/** The catalog search: filters that may repeat, paging, and the page of hits with facet counts. */

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** A filter given once or repeated (`?language=en&language=ar`). */
const repeatable = <Item extends z.ZodType>(item: Item) =>
  z.union([item, z.array(item).max(20, 'may be given at most 20 times')]).optional();

const skillValue = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.:/-]{0,199}$/u, 'must be a skill as the skill facet lists it');

export const searchQuerySchema = z.strictObject({
  q: lineText(MAX_QUERY_LENGTH)
    .optional()
    .describe('Words in the title, description, skills or owners, in any language.'),
  subject: repeatable(z.enum(SUBJECTS)).describe('ISCED-F broad field; repeat for any of several.'),
  language: repeatable(languageTagSchema).describe('Language of instruction, such as en or zh-Hans.'),
  institution: repeatable(institutionKeySchema).describe('Key of an owning institution.'),
  level: repeatable(z.enum(LEVELS)),
  pacing: repeatable(z.enum(PACINGS)),
  availability: repeatable(z.enum(AVAILABILITIES)).describe('open_now, upcoming or self_paced.'),
  certificate: z
    .enum(['true', 'false'], 'must be true or false')
    .optional()
    .describe('Only courses with a certificate.'),
  skill: repeatable(skillValue).describe('A value of the skill facet: an ESCO URI or a skill name.'),
  sort: z.enum(SORTS).optional().describe('relevance (with words), newest or starting_soon.'),
  page: wholeNumber(1, 10_000).optional().describe('Page number, from 1.'),
  limit: wholeNumber(1, MAX_PAGE_SIZE).optional().describe('Courses per page (default 20).'),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

const listOf = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function toCatalogQuery(query: SearchQuery, now: Date): CatalogQuery {
  return {
    q: query.q ?? '',
    subjects: listOf(query.subject),
    languages: listOf(query.language),
    institutions: listOf(query.institution),
    levels: listOf(query.level),
    pacings: listOf(query.pacing),
    availability: listOf(query.availability),
    certificate: query.certificate === 'true',
    skills: listOf(query.skill),
    ...(query.sort ? { sort: query.sort } : {}),
    page: query.page ?? 1,
    ...(query.limit ? { pageSize: query.limit } : {}),
    now,
  };
}

const instant = z.iso.datetime().nullable();

const hitSchema = z.object({
  key: z.string(),
  uuid: z.uuid(),
  title: localizedTextOutput,
  displayTitle: z.string().describe('The title in the language of the request, falling back to English.'),
  shortDescription: localizedTextOutput,
  owners: z
    .array(
      z.object({
        key: z.string(),
        name: localizedTextOutput,
        displayName: z.string(),
        country: z.string(),
        role: z.enum(['lead', 'partner']),
      }),
    )
    .describe('Every owning institution, the lead first.'),
  joint: z.boolean().describe('True when more than one institution owns the course.'),
  level: z.string(),
  languages: z.array(z.string()),
  nextRun: z
    .object({
      code: z.string(),
      pacing: z.enum(PACINGS),
      language: z.string(),
      startsAt: instant,
      endsAt: instant,
      enrollmentOpensAt: instant,
      enrollmentClosesAt: instant,
      isOpenNow: z.boolean(),
      hasCertificate: z.boolean(),
    })
    .nullable()
    .describe('The run to join next: open now, else the next start, else self-paced.'),
  imageUrl: z.string().nullable(),
  publishedAt: z.iso.datetime(),
});

const facetSchema = z.array(
  z.object({ value: z.string(), count: z.number().int(), label: localizedTextOutput.optional() }),
);

export const searchPageSchema = z
  .object({
    items: z.array(hitSchema),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
    pageCount: z.number().int(),
    sort: z.enum(SORTS),
    fuzzy: z.boolean().describe('True when close spellings were used because the words matched nothing.'),
    facets: z
      .object(
        Object.fromEntries(FACET_NAMES.map((name) => [name, facetSchema])) as Record<
          (typeof FACET_NAMES)[number],
          typeof facetSchema
        >,
      )
      .describe('Counts per facet value under every filter but the facet’s own, largest first.'),
  })
  .describe('One page of published courses, with facet counts to refine the search.');

const isoOrNull = (date: Date | null) => (date ? new Date(date).toISOString() : null);

function presentHit(hit: CatalogHit, locale: Locale) {
  return {
    key: hit.key,
    uuid: hit.uuid,
    title: hit.title,
    displayTitle: pickText(hit.title, locale),
    shortDescription: hit.shortDescription,
    owners: hit.owners.map((owner) => ({
      key: owner.key,
      name: owner.name,
      displayName: pickText(owner.name, locale),
      country: owner.country,
      role: owner.role,
    })),
    joint: hit.joint,
    level: hit.level,
    languages: hit.languages,
    nextRun: hit.nextRun
      ? {
          ...hit.nextRun,
          startsAt: isoOrNull(hit.nextRun.startsAt),
          endsAt: isoOrNull(hit.nextRun.endsAt),
          enrollmentOpensAt: isoOrNull(hit.nextRun.enrollmentOpensAt),
          enrollmentClosesAt: isoOrNull(hit.nextRun.enrollmentClosesAt),
        }
      : null,
    imageUrl: hit.imageUrl,
    publishedAt: new Date(hit.publishedAt).toISOString(),
  };
}

export function presentSearchPage(page: CatalogPage, locale: Locale) {
  return {
    items: page.items.map((hit) => presentHit(hit, locale)),
    total: page.total,
    page: page.page,
    limit: page.pageSize,
    pageCount: page.pageCount,
    sort: page.sort,
    fuzzy: page.fuzzy,
    facets: page.facets,
  };
}
