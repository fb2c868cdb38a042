import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { WORLD_REGIONS, countriesInRegion, regionOfCountry, type WorldRegion } from '../../platform/i18n/index.ts';
import { PUBLIC_STATUSES } from './policies.ts';
import { INSTITUTION_TYPES, insInstitution } from './schema.ts';
import type { AllianceSummary, DirectoryFilter, DirectoryPage, Institution, InstitutionType } from './types.ts';

export const DEFAULT_PAGE_SIZE = 24;
export const MAX_PAGE_SIZE = 100;

type InstitutionRow = typeof insInstitution.$inferSelect;

export function toInstitution(row: InstitutionRow): Institution {
  return { ...row, region: regionOfCountry(row.country) };
}

/** LIKE treats % and _ as wildcards; a search for "50%" means the characters themselves. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function matchesText(query: string): SQL {
  const pattern = likePattern(query);
  return sql`(
    unaccent(${insInstitution.shortName}) ilike unaccent(${pattern})
    or exists (select 1 from jsonb_each_text(${insInstitution.name}) as names(tag, value)
               where unaccent(names.value) ilike unaccent(${pattern}))
  )`;
}

function visibleStatuses(filter: DirectoryFilter): SQL | undefined {
  return filter.visibility === 'all' ? undefined : inArray(insInstitution.membershipStatus, [...PUBLIC_STATUSES]);
}

function regionCondition(region: WorldRegion | undefined): SQL | undefined {
  return region ? inArray(insInstitution.country, countriesInRegion(region)) : undefined;
}

/** Conditions shared by the list and every facet count. */
function baseConditions(filter: DirectoryFilter): SQL | undefined {
  const query = filter.query?.trim();
  return and(visibleStatuses(filter), query ? matchesText(query) : undefined);
}

function orTrue(condition: SQL | undefined): SQL {
  return condition ?? sql`true`;
}

export function normalizePaging(filter: DirectoryFilter): { page: number; pageSize: number } {
  const pageSize = Math.min(Math.max(Math.trunc(filter.pageSize ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const page = Math.max(Math.trunc(filter.page ?? 1), 1);
  return { page, pageSize };
}

/**
 * The directory in two queries: one page of institutions, and every facet count at once (each
 * facet counted under all other filters but its own, so a reader sees where a click leads).
 */
export async function selectDirectory(executor: Executor, filter: DirectoryFilter): Promise<DirectoryPage> {
  const { page, pageSize } = normalizePaging(filter);
  const country = filter.country ? eq(insInstitution.country, filter.country) : undefined;
  const region = regionCondition(filter.region);
  const type = filter.type ? eq(insInstitution.type, filter.type) : undefined;
  const locale = filter.locale ?? 'en';
  const [items, facets] = await Promise.all([
    executor
      .select()
      .from(insInstitution)
      .where(and(baseConditions(filter), country, region, type))
      .orderBy(
        sql`coalesce(nullif(${insInstitution.name}->>${locale}, ''), ${insInstitution.name}->>'en')`,
        insInstitution.id,
      )
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    executor
      .select({
        country: insInstitution.country,
        type: insInstitution.type,
        all: sql<number>`count(*)::int`,
        matching: sql<number>`(count(*) filter (where ${orTrue(and(country, region, type))}))::int`,
        forRegion: sql<number>`(count(*) filter (where ${orTrue(and(country, type))}))::int`,
        forType: sql<number>`(count(*) filter (where ${orTrue(and(country, region))}))::int`,
      })
      .from(insInstitution)
      .where(baseConditions(filter))
      .groupBy(insInstitution.country, insInstitution.type),
  ]);
  const regionCounts = Object.fromEntries(WORLD_REGIONS.map((name) => [name, 0])) as Record<WorldRegion, number>;
  const typeCounts = Object.fromEntries(INSTITUTION_TYPES.map((name) => [name, 0])) as Record<InstitutionType, number>;
  const countryCounts: Record<string, number> = {};
  let total = 0;
  for (const facet of facets) {
    const facetRegion = regionOfCountry(facet.country);
    if (facetRegion) regionCounts[facetRegion] += Number(facet.forRegion);
    typeCounts[facet.type] += Number(facet.forType);
    countryCounts[facet.country] = (countryCounts[facet.country] ?? 0) + Number(facet.all);
    total += Number(facet.matching);
  }
  return {
    items: items.map(toInstitution),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    regionCounts,
    typeCounts,
    countryCounts,
  };
}

export async function selectInstitutionByKey(executor: Executor, key: string): Promise<Institution | null> {
  const [row] = await executor.select().from(insInstitution).where(eq(insInstitution.key, key)).limit(1);
  return row ? toInstitution(row) : null;
}

export async function selectInstitutionById(
  executor: Executor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<Institution | null> {
  const query = executor.select().from(insInstitution).where(eq(insInstitution.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ? toInstitution(row) : null;
}

/** Institutions by id in one query, in no particular order; unknown ids are skipped. */
export async function selectInstitutionsByIds(executor: Executor, ids: readonly number[]): Promise<Institution[]> {
  if (ids.length === 0) return [];
  const rows = await executor
    .select()
    .from(insInstitution)
    .where(inArray(insInstitution.id, [...new Set(ids)]));
  return rows.map(toInstitution);
}

/** Members, countries and world regions of the alliance's public members, in one query. */
export async function selectAllianceSummary(executor: Executor): Promise<AllianceSummary> {
  const rows = await executor
    .select({ country: insInstitution.country, members: sql<number>`count(*)::int` })
    .from(insInstitution)
    .where(inArray(insInstitution.membershipStatus, [...PUBLIC_STATUSES]))
    .groupBy(insInstitution.country);
  const regions = new Set(rows.map((row) => regionOfCountry(row.country)).filter((region) => region !== null));
  return {
    members: rows.reduce((sum, row) => sum + Number(row.members), 0),
    countries: rows.length,
    regions: regions.size,
  };
}

export async function countInstitutions(executor: Executor): Promise<number> {
  const [row] = await executor.select({ count: sql<number>`count(*)::int` }).from(insInstitution);
  return Number(row?.count ?? 0);
}
