import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { allOf, availabilityOf, buildFilters, matchText, selectRows, type TextMatch } from './conditions.ts';
import { FACET_NAMES, type FacetCount, type FacetName, type LocalizedText } from './types.ts';
import type { ParsedQuery } from './validation.ts';

/** The values each facet takes in a row of the matched set. */
const FACET_VALUES: Record<FacetName, SQL> = {
  subject: sql`subjects`,
  language: sql`languages`,
  institution: sql`institutions`,
  level: sql`array[level]`,
  pacing: sql`pacings`,
  availability: sql`availability`,
  certificate: sql`case when has_certificate then array['available'] else array[]::text[] end`,
  skill: sql`skills`,
};

const LABELS: Partial<Record<FacetName, SQL>> = {
  institution: sql`(array_agg(labels->'institution'->v))[1]`,
  skill: sql`(array_agg(labels->'skill'->v))[1]`,
};

function passes(facet: FacetName): SQL {
  return sql.raw(`pass_${facet}`);
}

/** Counts for one facet under every filter but its own. */
function countFacet(facet: FacetName): SQL {
  const others = FACET_NAMES.filter((name) => name !== facet).map(passes);
  return sql`select ${facet}::text as facet, v as value, count(*)::int as n, ${LABELS[facet] ?? sql`null::jsonb`} as label
    from base cross join unnest(${FACET_VALUES[facet]}) as v
    where ${allOf(others)} group by v`;
}

type FacetRow = { facet: string; value: string | null; n: number; label: LocalizedText | null };

export type FacetResult = { total: number; facets: Record<FacetName, FacetCount[]> };

/**
 * Every facet and the total in one statement: the text match is computed once into `base`,
 * with one flag per filter, and each facet is counted over the rows passing the other flags.
 */
export async function countFacets(executor: Executor, query: ParsedQuery, match: TextMatch): Promise<FacetResult> {
  const filters = buildFilters(query);
  const flags = FACET_NAMES.map((facet) => sql`${filters[facet] ?? sql`true`} as ${passes(facet)}`);
  const rows = await selectRows<FacetRow>(
    executor,
    sql`with base as materialized (
      select e.subjects, e.languages, e.institutions, e.level, e.skills, e.pacings, e.has_certificate,
             e.labels, ${availabilityOf(query.now)} as availability, ${sql.join(flags, sql`, `)}
      from cat_entry e where ${matchText(match)}
    )
    ${sql.join(
      FACET_NAMES.map((facet) => sql`(${countFacet(facet)})`),
      sql` union all `,
    )}
    union all (select 'total', null, count(*)::int, null::jsonb from base where ${allOf(FACET_NAMES.map(passes))})`,
  );
  const facets = Object.fromEntries(FACET_NAMES.map((name) => [name, [] as FacetCount[]])) as Record<
    FacetName,
    FacetCount[]
  >;
  let total = 0;
  for (const row of rows) {
    if (row.facet === 'total') {
      total = Number(row.n);
      continue;
    }
    if (row.value === null) continue;
    const count: FacetCount = { value: row.value, count: Number(row.n) };
    if (row.label) count.label = row.label;
    facets[row.facet as FacetName].push(count);
  }
  for (const counts of Object.values(facets)) {
    counts.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return { total, facets };
}
