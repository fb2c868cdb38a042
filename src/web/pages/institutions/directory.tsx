import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  INSTITUTION_TYPES,
  canCreateInstitution,
  canSeeAllInstitutions,
  listInstitutions,
  type DirectoryFilter,
  type DirectoryPage,
  type Institution,
} from '../../../modules/institutions/index.ts';
import { WORLD_REGIONS, isCountryCode } from '../../../platform/i18n/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { SelectField, TextField } from '../../views/forms.tsx';
import { formatDay, nameOf, regionLabel, statusLabel, typeLabel } from './shared.ts';

const PAGE_SIZE = 24;

/** Unknown filter values are dropped rather than refused: a stale bookmark still shows a page. */
const filterSchema = z.object({
  country: z.string().trim().toUpperCase().refine(isCountryCode).optional().catch(undefined),
  region: z.enum(WORLD_REGIONS).optional().catch(undefined),
  type: z.enum(INSTITUTION_TYPES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
type Filters = z.infer<typeof filterSchema>;

function parseFilters(query: unknown): Filters {
  const parsed = filterSchema.safeParse(query ?? {});
  return parsed.success ? parsed.data : {};
}

/** The directory address for some filters; empty values are left out so links stay short. */
export function directoryHref(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '' && !(name === 'page' && value === 1)) params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `/institutions?${search}` : '/institutions';
}

export async function directoryRoutes(app: FastifyInstance): Promise<void> {
  app.get('/institutions', async (request, reply) => {
    const filters = parseFilters(request.query);
    const actor = request.viewer?.actor ?? null;
    const directoryFilter: DirectoryFilter = {
      country: filters.country,
      region: filters.region,
      type: filters.type,
      query: filters.q,
      page: filters.page,
      pageSize: PAGE_SIZE,
      locale: request.locale,
      visibility: canSeeAllInstitutions(actor) ? 'all' : 'public',
    };
    const page = await listInstitutions(app.platform.db, directoryFilter);
    const { t } = request;
    return sendPage(request, reply, {
      title: t.t('institutions.directory.title'),
      body: <DirectoryView request={request} filters={filters} page={page} canCreate={canCreateInstitution(actor)} />,
    });
  });
}

type ViewProps = { request: FastifyRequest; filters: Filters; page: DirectoryPage; canCreate: boolean };

function DirectoryView({ request, filters, page, canCreate }: ViewProps) {
  const { t } = request;
  return (
    <>
      <h1>{t.t('institutions.directory.title')}</h1>
      <p class="lead">{t.t('institutions.directory.lead')}</p>
      {canCreate && (
        <>
          <p class="hint">{t.t('institutions.directory.allStatuses')}</p>
          <p class="actions">
            <a class="button" href="/institutions/new">
              {t.t('institutions.directory.new')}
            </a>
          </p>
        </>
      )}
      <RegionCounts t={t} filters={filters} page={page} />
      <div class="layout-sidebar">
        <FilterForm t={t} filters={filters} page={page} />
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{t.t('institutions.directory.results', { count: page.total })}</h2>
          {page.items.length === 0 ? (
            <p>{t.t('institutions.directory.empty')}</p>
          ) : (
            <ul class="cards">
              {page.items.map((institution) => (
                <InstitutionCard t={t} institution={institution} />
              ))}
            </ul>
          )}
          <Pagination t={t} filters={filters} page={page} />
        </section>
      </div>
    </>
  );
}

function RegionCounts({ t, filters, page }: { t: T; filters: Filters; page: DirectoryPage }) {
  return (
    <nav aria-labelledby="regions-heading">
      <h2 id="regions-heading">{t.t('institutions.directory.byRegion')}</h2>
      <ul class="stats">
        {WORLD_REGIONS.map((region) => {
          const label = t.t('institutions.directory.regionCount', {
            region: regionLabel(t, region),
            count: t.formatNumber(page.regionCounts[region]),
          });
          return (
            <li>
              <a
                href={directoryHref({ ...filters, region, page: undefined })}
                aria-current={filters.region === region ? 'true' : undefined}
              >
                {label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function FilterForm({ t, filters, page }: { t: T; filters: Filters; page: DirectoryPage }) {
  const countryCodes = Object.keys(page.countryCounts);
  if (filters.country && !countryCodes.includes(filters.country)) countryCodes.push(filters.country);
  const collator = new Intl.Collator(t.locale);
  const countries = countryCodes
    .map((code) => ({ value: code, label: t.countryName(code) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  return (
    <form method="get" action="/institutions" class="filters form" role="search">
      <h2>{t.t('institutions.filters.title')}</h2>
      <TextField
        t={t}
        id="filter-q"
        name="q"
        label={t.t('institutions.filters.query')}
        value={filters.q}
        maxLength={100}
      />
      <SelectField
        t={t}
        id="filter-country"
        name="country"
        label={t.t('institutions.filters.country')}
        value={filters.country}
        empty={t.t('institutions.filters.anyCountry')}
        options={countries}
      />
      <SelectField
        t={t}
        id="filter-region"
        name="region"
        label={t.t('institutions.filters.region')}
        value={filters.region}
        empty={t.t('institutions.filters.anyRegion')}
        options={WORLD_REGIONS.map((region) => ({ value: region, label: regionLabel(t, region) }))}
      />
      <SelectField
        t={t}
        id="filter-type"
        name="type"
        label={t.t('institutions.filters.type')}
        value={filters.type}
        empty={t.t('institutions.filters.anyType')}
        options={INSTITUTION_TYPES.map((type) => ({
          value: type,
          label: `${typeLabel(t, type)} (${t.formatNumber(page.typeCounts[type])})`,
        }))}
      />
      <p class="actions">
        <button type="submit" class="button">
          {t.t('institutions.filters.apply')}
        </button>
        <a href="/institutions">{t.t('institutions.filters.clear')}</a>
      </p>
    </form>
  );
}

export function Monogram({ institution }: { institution: Pick<Institution, 'shortName'> }) {
  const letters = institution.shortName.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 3);
  return (
    <span class="monogram" aria-hidden="true">
      {letters.toUpperCase()}
    </span>
  );
}

function InstitutionCard({ t, institution }: { t: T; institution: Institution }) {
  const name = nameOf(institution, t);
  const place = [institution.city, t.countryName(institution.country)].filter(Boolean).join(', ');
  return (
    <li class="card">
      <h3>
        <a href={`/institutions/${institution.key}`}>{name}</a>
      </h3>
      {institution.shortName !== name && <p class="meta">{institution.shortName}</p>}
      <p class="meta">{place}</p>
      <p class="meta">{typeLabel(t, institution.type)}</p>
      {institution.membershipStatus === 'founding_member' ? (
        <p>
          <span class="badge badge-founding">{statusLabel(t, 'founding_member')}</span>
        </p>
      ) : (
        institution.membershipStatus !== 'member' && (
          <p>
            <span class="badge">{statusLabel(t, institution.membershipStatus)}</span>
          </p>
        )
      )}
      {institution.joinedOn && (
        <p class="meta">{t.t('institutions.card.joined', { date: formatDay(t, institution.joinedOn) })}</p>
      )}
    </li>
  );
}

function Pagination({ t, filters, page }: { t: T; filters: Filters; page: DirectoryPage }) {
  if (page.pageCount <= 1) return null;
  return (
    <nav aria-label={t.t('institutions.pagination.label')}>
      <p>{t.t('institutions.pagination.status', { page: page.page, pages: page.pageCount })}</p>
      <p class="actions">
        {page.page > 1 && (
          <a rel="prev" href={directoryHref({ ...filters, page: page.page - 1 })}>
            {t.t('institutions.pagination.previous')}
          </a>
        )}
        {page.page < page.pageCount && (
          <a rel="next" href={directoryHref({ ...filters, page: page.page + 1 })}>
            {t.t('institutions.pagination.next')}
          </a>
        )}
      </p>
    </nav>
  );
}
