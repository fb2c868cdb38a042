import {
  AVAILABILITIES,
  MAX_QUERY_LENGTH,
  SORTS,
  type Availability,
  type CatalogQuery,
  type CatalogSort,
} from '../../../modules/catalog/index.ts';
import { PACINGS, type Pacing } from '../../../modules/courses/index.ts';

/** The facets that travel in the address, each as a repeated parameter named after the facet. */
export const LIST_FILTERS = ['subject', 'language', 'institution', 'level', 'pacing', 'availability', 'skill'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export type CatalogFilters = {
  q: string;
  subject: string[];
  language: string[];
  institution: string[];
  level: string[];
  pacing: Pacing[];
  availability: Availability[];
  skill: string[];
  certificate: boolean;
  sort: CatalogSort | undefined;
  page: number;
};

const MAX_VALUES = 20;
const MAX_PAGE = 10_000;
const TOKEN = /^[\p{L}\p{N}][\p{L}\p{N}_.:/-]{0,199}$/u;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?$/;

const isToken = (value: string): boolean => TOKEN.test(value);
const isLanguageTag = (value: string): boolean => LANGUAGE_TAG.test(value);
const isOneOf =
  <V extends string>(values: readonly V[]) =>
  (value: string): value is V =>
    (values as readonly string[]).includes(value);

function readValues(query: Record<string, unknown>, name: string): string[] {
  const raw = query[name];
  const values = Array.isArray(raw) ? raw : [raw];
  return values.filter((value): value is string => typeof value === 'string').map((value) => value.trim());
}

/** Unknown, malformed and repeated values are dropped, so a stale or hand-edited address still shows a page. */
function readList<V extends string>(
  query: Record<string, unknown>,
  name: string,
  accept: (value: string) => value is V,
): V[];
function readList(query: Record<string, unknown>, name: string, accept: (value: string) => boolean): string[];
function readList(query: Record<string, unknown>, name: string, accept: (value: string) => boolean): string[] {
  return [...new Set(readValues(query, name).filter(accept))].slice(0, MAX_VALUES);
}

/** Cuts a long search to the longest the catalog accepts, without splitting a character. */
function readQueryText(query: Record<string, unknown>): string {
  const text = readValues(query, 'q')[0] ?? '';
  return [...text].slice(0, MAX_QUERY_LENGTH).join('').trim();
}

function readPage(query: Record<string, unknown>): number {
  const page = Number(readValues(query, 'page')[0]);
  return Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1;
}

export function parseCatalogFilters(input: unknown): CatalogFilters {
  const query = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const sort = readValues(query, 'sort')[0];
  return {
    q: readQueryText(query),
    subject: readList(query, 'subject', isToken),
    language: readList(query, 'language', isLanguageTag),
    institution: readList(query, 'institution', isToken),
    level: readList(query, 'level', isToken),
    pacing: readList(query, 'pacing', isOneOf(PACINGS)),
    availability: readList(query, 'availability', isOneOf(AVAILABILITIES)),
    skill: readList(query, 'skill', isToken),
    certificate: readValues(query, 'certificate').includes('available'),
    sort: sort !== undefined && isOneOf(SORTS)(sort) ? sort : undefined,
    page: readPage(query),
  };
}

export function toCatalogQuery(filters: CatalogFilters, now: Date, pageSize: number): CatalogQuery {
  return {
    q: filters.q,
    subjects: filters.subject,
    languages: filters.language,
    institutions: filters.institution,
    levels: filters.level,
    pacings: filters.pacing,
    availability: filters.availability,
    skills: filters.skill,
    certificate: filters.certificate,
    sort: filters.sort,
    page: filters.page,
    pageSize,
    now,
  };
}

export function hasAnyFilter(filters: CatalogFilters): boolean {
  return filters.certificate || LIST_FILTERS.some((name) => filters[name].length > 0);
}

/** The catalog address for some filters; defaults are left out so links stay short and stable. */
export function catalogHref(filters: CatalogFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const name of LIST_FILTERS) for (const value of filters[name]) params.append(name, value);
  if (filters.certificate) params.set('certificate', 'available');
  if (filters.sort) params.set('sort', filters.sort);
  if (filters.page > 1) params.set('page', String(filters.page));
  const search = params.toString();
  return search ? `/courses?${search}` : '/courses';
}

/** The same search without one facet value, back on its first page. */
export function withoutValue(filters: CatalogFilters, name: ListFilter | 'certificate', value: string): string {
  if (name === 'certificate') return catalogHref({ ...filters, certificate: false, page: 1 });
  const kept = (filters[name] as string[]).filter((item) => item !== value);
  return catalogHref({ ...filters, [name]: kept, page: 1 });
}
