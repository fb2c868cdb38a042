import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import {
  FUZZY_THRESHOLD,
  allOf,
  buildFilters,
  matchText,
  nextStartOf,
  scoreText,
  selectFuzzyMatches,
  selectRows,
  NO_TEXT,
  type TextMatch,
} from './conditions.ts';
import { countFacets } from './facets.ts';
import { toCatalogHit } from './present.ts';
import { QUERY_CONFIGS, buildUnspacedQuery, stripUnspaced } from './text.ts';
import type { CatalogPage, StoredDocument } from './types.ts';
import { catalogQuerySchema, type CatalogQuery, type CatalogSort, type ParsedQuery } from './validation.ts';
import { readThroughSearchCache } from './search-cache.ts';

/** Fewer full-text hits than this and close spellings are searched too. */
export const FEW_RESULTS = 3;

function parseQuery(input: CatalogQuery): ParsedQuery {
  const parsed = catalogQuerySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid('catalog.invalid_query', `The search is not valid: ${issue?.path.join('.')} ${issue?.message}`, {
      issues: parsed.error.issues.map((item) => `${item.path.join('.')}: ${item.message}`),
    });
  }
  return parsed.data;
}

/**
 * Turns the words of a search into a tsquery: the spaced part parsed by every language's
 * configuration (accents folded) and OR-ed, the unspaced part as segmented words or bigrams.
 * PostgreSQL builds the text form here, so later statements get it as a constant the GIN
 * index can serve.
 */
async function buildTsquery(executor: Executor, spaced: string, unspaced: string): Promise<string | null> {
  const [row] = await selectRows<{ tsquery: string | null }>(
    executor,
    sql`with parsed as (
      select websearch_to_tsquery(c::regconfig, cat_unaccent(${spaced})) as t
      from unnest(string_to_array(${QUERY_CONFIGS.join(',')}, ',')) as c
    ), spaced as (
      select string_agg(distinct '(' || t::text || ')', ' | ') as q from parsed where numnode(t) > 0
    )
    select nullif(concat_ws(' & ', '(' || spaced.q || ')', '(' || nullif(${unspaced}, '') || ')'), '')::tsquery::text
      as tsquery
    from spaced`,
  );
  return row?.tsquery || null;
}

async function countFullTextHits(executor: Executor, tsquery: string): Promise<number> {
  const [row] = await selectRows<{ hits: number }>(
    executor,
    sql`select count(*)::int as hits from (
      select 1 from cat_entry e where e.search_vector @@ ${tsquery}::tsquery limit ${FEW_RESULTS}
    ) as hit`,
  );
  return Number(row?.hits ?? 0);
}

type PreparedText = { tsquery: string | null; relaxed: { spaced: string; unspaced: string | null } | null };

/**
 * The tsquery of the text, and whether to relax spelling: only when full text finds fewer than
 * FEW_RESULTS courses. Counting runs before the planner settings below: a sequential scan that
 * stops at the third hit is cheaper than building the full index bitmap for a common word.
 */
async function prepareText(executor: Executor, text: string): Promise<PreparedText> {
  const spaced = stripUnspaced(text);
  const unspaced = buildUnspacedQuery(text);
  if (spaced.length === 0 && unspaced.length === 0) return { tsquery: null, relaxed: null };
  const tsquery = await buildTsquery(executor, spaced, unspaced);
  if (!tsquery || spaced.length === 0) return { tsquery, relaxed: null };
  const relax = (await countFullTextHits(executor, tsquery)) < FEW_RESULTS;
  return { tsquery, relaxed: relax ? { spaced, unspaced: unspaced || null } : null };
}

async function resolveTextMatch(executor: Executor, prepared: PreparedText): Promise<TextMatch> {
  const { tsquery, relaxed } = prepared;
  if (!tsquery) return NO_TEXT;
  if (!relaxed) return { tsquery, fuzzy: null };
  return { tsquery, fuzzy: await selectFuzzyMatches(executor, relaxed.spaced, tsquery, relaxed.unspaced) };
}

function resolveSort(query: ParsedQuery, match: TextMatch): CatalogSort {
  if (query.sort && (query.sort !== 'relevance' || match.tsquery)) return query.sort;
  return match.tsquery ? 'relevance' : 'newest';
}

/** The order of a page, over the sort-key columns of the ranked rows (optionally qualified). */
function orderBy(sort: CatalogSort, qualifier = ''): SQL {
  const keys =
    sort === 'relevance'
      ? 'score desc, published_at desc, course_id'
      : sort === 'starting_soon'
        ? 'next_start asc nulls last, published_at desc, course_id'
        : 'published_at desc, course_id desc';
  return sql.raw(qualifier ? keys.replace(/(^|, )/g, `$1${qualifier}.`) : keys);
}

/** Results never show descriptions or outcomes, the bulk of a document; they stay in the database. */
type HitRow = { document: StoredDocument; score: number };

/**
 * Ranks and cuts the page on narrow columns first, then reads the documents of that page only:
 * PostgreSQL computes a select list before sorting, which would unpack every matching document.
 */
function selectHits(executor: Executor, query: ParsedQuery, match: TextMatch, sort: CatalogSort): Promise<HitRow[]> {
  const ranked = sql`select e.course_id, e.published_at, ${scoreText(match)} as score,
      ${nextStartOf(query.now)} as next_start
    from cat_entry e
    where ${matchText(match)} and ${allOf(Object.values(buildFilters(query)))}`;
  return selectRows<HitRow>(
    executor,
    sql`select d.document - 'descriptions' - 'outcomes' as document, p.score
      from (${ranked} order by ${orderBy(sort)} limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}) as p
      join cat_entry d on d.course_id = p.course_id
      order by ${orderBy(sort, 'p')}`,
  );
}

/**
 * Text searches run in their own transaction with two local settings. The trigram index answers
 * `<%` at pg_trgm.word_similarity_threshold. And with a catalog of a few thousand wide rows the
 * planner prefers a sequential scan, not knowing that matching a tsvector against a query
 * OR-ed over many languages, or computing word similarity, costs far more per row than reading
 * the GIN index; the indexes are several times faster. Inside a caller's transaction the
 * settings hold until that one ends.
 */
async function withSearchSettings<T>(
  executor: Executor,
  tsquery: string | null,
  read: (reader: Executor) => Promise<T>,
): Promise<T> {
  if (!tsquery) return read(executor);
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true),
      set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`);
    return read(tx);
  });
}

/**
 * One page of published courses matching a search, with facet counts and the total.
 * Reads only; `query.now` decides which runs are open or upcoming. Throws `invalid catalog.invalid_query`.
 */
export async function searchCatalog(executor: Executor, input: CatalogQuery): Promise<CatalogPage> {
  const query = parseQuery(input);
  // Availability moves with time; to the minute is close enough for a cached answer.
  const minute = Math.floor(query.now.getTime() / 60_000);
  const key = JSON.stringify({ ...query, now: minute });
  return readThroughSearchCache(executor, key, () => runSearch(executor, query));
}

/** The same search, always asked of the database: for measurements and for checks of the cache. */
export async function searchCatalogUncached(executor: Executor, input: CatalogQuery): Promise<CatalogPage> {
  return runSearch(executor, parseQuery(input));
}

async function runSearch(executor: Executor, query: ParsedQuery): Promise<CatalogPage> {
  const text = query.q.trim();
  const prepared = text ? await prepareText(executor, text) : { tsquery: null, relaxed: null };
  const { match, sort, rows, counted } = await withSearchSettings(executor, prepared.tsquery, async (reader) => {
    const match = await resolveTextMatch(reader, prepared);
    const sort = resolveSort(query, match);
    const [rows, counted] = await Promise.all([
      selectHits(reader, query, match, sort),
      countFacets(reader, query, match),
    ]);
    return { match, sort, rows, counted };
  });
  return {
    items: rows.map((row) => toCatalogHit(row.document, Number(row.score), query.now)),
    total: counted.total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(counted.total / query.pageSize)),
    sort,
    fuzzy: match.fuzzy !== null,
    facets: counted.facets,
  };
}
