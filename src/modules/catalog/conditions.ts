import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { FacetName } from './types.ts';
import type { ParsedQuery } from './validation.ts';

/**
 * Below this whole-query word similarity a misspelt query does not match a course; 0.4 lets
 * "climat chnage" reach "climate change" (0.47) but keeps "climate" off "clinical" (0.375).
 */
export const FUZZY_THRESHOLD = 0.4;

/**
 * What the text of a search matches: a tsquery (text form, parsed by PostgreSQL itself) and,
 * when full text found few courses, the courses found by trigram similarity with their
 * similarity, computed once so the page and the facets do not each compare every candidate.
 */
export type TextMatch = {
  tsquery: string | null;
  fuzzy: { courseIds: number[]; similarities: number[] } | null;
};

export const NO_TEXT: TextMatch = { tsquery: null, fuzzy: null };

export async function selectRows<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

export function textArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

/** Numbers as one array literal parameter, however many there are. */
function numberArray(values: readonly number[], type: 'bigint' | 'real'): SQL {
  return sql`${`{${values.map((value) => String(Number(value))).join(',')}}`}::${sql.raw(type)}[]`;
}

/**
 * Courses whose words are within FUZZY_THRESHOLD of the query (`<%`, trigram index; the
 * threshold is set by the caller's transaction), or that full text matches. A query part in
 * unspaced scripts must still match by full text: trigrams do not cover it.
 */
export async function selectFuzzyMatches(
  executor: Executor,
  words: string,
  tsquery: string,
  unspacedTsquery: string | null,
): Promise<NonNullable<TextMatch['fuzzy']>> {
  const unspaced = unspacedTsquery ? sql` and e.search_vector @@ ${unspacedTsquery}::tsquery` : sql``;
  const rows = await selectRows<{ courseId: number; similarity: number }>(
    executor,
    sql`select e.course_id as "courseId", word_similarity(q.words, e.words) as similarity
      from cat_entry e, (select lower(cat_unaccent(${words})) as words) as q
      where e.search_vector @@ ${tsquery}::tsquery or (q.words <% e.words${unspaced})`,
  );
  return {
    courseIds: rows.map((row) => Number(row.courseId)),
    similarities: rows.map((row) => Number(row.similarity)),
  };
}

/** Rows the text selects; every row when the search has no text. */
export function matchText(match: TextMatch): SQL {
  if (match.fuzzy) return sql`e.course_id = any(${numberArray(match.fuzzy.courseIds, 'bigint')})`;
  return match.tsquery ? sql`e.search_vector @@ ${match.tsquery}::tsquery` : sql`true`;
}

/** Full-text rank (titles weigh most), plus trigram similarity when spelling was relaxed. */
export function scoreText(match: TextMatch): SQL {
  const rank = match.tsquery
    ? sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', e.search_vector, ${match.tsquery}::tsquery)`
    : sql`0`;
  if (!match.fuzzy) return sql`(${rank})::real`;
  const { courseIds, similarities } = match.fuzzy;
  const position = sql`array_position(${numberArray(courseIds, 'bigint')}, e.course_id)`;
  return sql`(${rank} + coalesce((${numberArray(similarities, 'real')})[${position}], 0))`;
}

export function instantParam(now: Date): SQL {
  return sql`${now.toISOString()}::timestamptz`;
}

/** Which availabilities a course has at `now`, as a text array. */
export function availabilityOf(now: Date): SQL {
  const at = instantParam(now);
  return sql`array_remove(array[
    case when e.enrollment_windows @> ${at} then 'open_now' end,
    case when ${at} < any(e.scheduled_starts) then 'upcoming' end,
    case when 'self_paced' = any(e.pacings) then 'self_paced' end
  ]::text[], null)`;
}

/** The earliest scheduled start after `now`, null if none. */
export function nextStartOf(now: Date): SQL {
  return sql`(select min(s) from unnest(e.scheduled_starts) as s where s > ${instantParam(now)})`;
}

function overlaps(column: SQL, values: readonly string[]): SQL | null {
  return values.length > 0 ? sql`${column} && ${textArray(values)}` : null;
}

/** One condition per facet (null when that facet is not filtered); values within a facet are alternatives. */
export function buildFilters(query: ParsedQuery): Record<FacetName, SQL | null> {
  return {
    subject: overlaps(sql`e.subjects`, query.subjects),
    language: overlaps(sql`e.languages`, query.languages),
    institution: overlaps(sql`e.institutions`, query.institutions),
    level: overlaps(sql`array[e.level]`, query.levels),
    pacing: overlaps(sql`e.pacings`, query.pacings),
    availability: overlaps(availabilityOf(query.now), query.availability),
    certificate: query.certificate ? sql`e.has_certificate` : null,
    skill: overlaps(sql`e.skills`, query.skills),
  };
}

export function allOf(conditions: ReadonlyArray<SQL | null>): SQL {
  const present = conditions.filter((condition): condition is SQL => condition !== null);
  return present.length > 0 ? sql.join(present, sql` and `) : sql`true`;
}
