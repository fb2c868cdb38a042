import type { FastifyInstance } from 'fastify';
import { SORTS, searchCatalog, type CatalogHit, type CatalogPage } from '../../../modules/catalog/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { CourseCard, type CourseCardData } from '../../views/course-card.tsx';
import { ActiveFilters, FacetFilters, emptyFilters } from './facets.tsx';
import { catalogHref, hasAnyFilter, parseCatalogFilters, toCatalogQuery, type CatalogFilters } from './filters.ts';

export const CATALOG_PAGE_SIZE = 20;

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  app.get('/courses', async (request, reply) => {
    const filters = parseCatalogFilters(request.query);
    const { db, clock } = app.platform;
    const page = await searchCatalog(db, toCatalogQuery(filters, clock.now(), CATALOG_PAGE_SIZE));
    const { t } = request;
    // `description` fills the page's meta description once PageOptions carries one.
    const options = {
      title: filters.q ? t.t('catalog.pageTitle.search', { query: filters.q }) : t.t('catalog.title'),
      description: t.t('catalog.metaDescription'),
      body: <CatalogView t={t} filters={filters} page={page} />,
    };
    return sendPage(request, reply, options);
  });
}

function toCardData(hit: CatalogHit): CourseCardData {
  return {
    key: hit.key,
    title: hit.title,
    owners: hit.owners,
    level: hit.level,
    languages: hit.languages,
    workloadHours: hit.workloadHours,
    nextRun: hit.nextRun,
  };
}

type ViewProps = { t: T; filters: CatalogFilters; page: CatalogPage };

function CatalogView({ t, filters, page }: ViewProps) {
  return (
    <>
      <h1>{t.t('catalog.title')}</h1>
      <p class="lead">{t.t('catalog.lead')}</p>
      <p>
        <a href="/programs">{t.t('catalog.programsLink')}</a>
      </p>
      <form method="get" action="/courses" class="catalog-search" data-island="auto-submit">
        <SearchBox t={t} filters={filters} />
        <div class="layout-sidebar">
          <FacetFilters t={t} filters={filters} page={page} />
          <section aria-labelledby="results-heading">
            <ResultsHeading t={t} filters={filters} page={page} />
            <ActiveFilters t={t} filters={filters} page={page} />
            {page.total > 0 && <SortField t={t} filters={filters} page={page} />}
            <Results t={t} filters={filters} page={page} />
            <Pagination t={t} filters={filters} page={page} />
          </section>
        </div>
      </form>
    </>
  );
}

function SearchBox({ t, filters }: { t: T; filters: CatalogFilters }) {
  return (
    <div class="form" role="search">
      <div class="field">
        <label for="catalog-q">{t.t('catalog.search.label')}</label>
        <span class="hint" id="catalog-q-hint">
          {t.t('catalog.search.hint')}
        </span>
        <div class="actions">
          <input
            type="search"
            id="catalog-q"
            name="q"
            value={filters.q}
            maxLength={200}
            aria-describedby="catalog-q-hint"
            autocomplete="off"
          />
          <button type="submit" class="button">
            {t.t('catalog.search.submit')}
          </button>
        </div>
      </div>
    </div>
  );
}

function ResultsHeading({ t, filters, page }: ViewProps) {
  const count = page.total;
  return (
    <>
      <h2 id="results-heading">
        {filters.q ? t.t('catalog.resultsFor', { count, query: filters.q }) : t.t('catalog.results', { count })}
      </h2>
      {page.fuzzy && page.total > 0 && <p class="hint">{t.t('catalog.fuzzy', { query: filters.q })}</p>}
    </>
  );
}

/** A select the auto-submit island sends on change; its button stays for readers without scripts. */
function SortField({ t, filters, page }: ViewProps) {
  const sorts = SORTS.filter((sort) => sort !== 'relevance' || filters.q);
  return (
    <p class="actions sort-field">
      <label for="catalog-sort">{t.t('catalog.sort.label')}</label>
      <select id="catalog-sort" name="sort">
        {sorts.map((sort) => (
          <option value={sort} selected={sort === page.sort}>
            {t.t(`catalog.sort.${sort}`)}
          </option>
        ))}
      </select>
      <button type="submit" class="button-small" data-auto-submit-hide>
        {t.t('catalog.sort.apply')}
      </button>
    </p>
  );
}

function Results({ t, filters, page }: ViewProps) {
  if (page.items.length > 0) {
    return (
      <ul class="cards">
        {page.items.map((hit) => (
          <CourseCard t={t} course={toCardData(hit)} />
        ))}
      </ul>
    );
  }
  if (!filters.q && !hasAnyFilter(filters) && filters.page === 1) {
    return (
      <div class="alert" role="status">
        <p>{t.t('catalog.emptyCatalog')}</p>
        <p>
          <a href="/institutions">{t.t('catalog.emptyCatalog.link')}</a>
        </p>
      </div>
    );
  }
  return (
    <div class="alert" role="status">
      <p>
        <strong>{t.t('catalog.noResults.title')}</strong>
      </p>
      <p>{t.t('catalog.noResults.hint')}</p>
      <p>
        <a href={catalogHref(emptyFilters())}>{t.t('catalog.noResults.showAll')}</a>
      </p>
    </div>
  );
}

function Pagination({ t, filters, page }: ViewProps) {
  if (page.pageCount <= 1) return null;
  return (
    <nav aria-label={t.t('institutions.pagination.label')}>
      <p>{t.t('institutions.pagination.status', { page: page.page, pages: page.pageCount })}</p>
      <p class="actions">
        {page.page > 1 && (
          <a rel="prev" href={catalogHref({ ...filters, page: Math.min(page.page - 1, page.pageCount) })}>
            {t.t('institutions.pagination.previous')}
          </a>
        )}
        {page.page < page.pageCount && (
          <a rel="next" href={catalogHref({ ...filters, page: page.page + 1 })}>
            {t.t('institutions.pagination.next')}
          </a>
        )}
      </p>
    </nav>
  );
}
