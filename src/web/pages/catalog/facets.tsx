import type { CatalogPage, FacetCount, FacetName } from '../../../modules/catalog/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { levelLabel, pickText, subjectLabel } from '../../views/course-card.tsx';
import { LIST_FILTERS, catalogHref, withoutValue, type CatalogFilters, type ListFilter } from './filters.ts';

/** Long facets show their largest values; chosen values always stay visible so they can be unticked. */
const MAX_SHOWN = 12;
const FACET_ORDER: FacetName[] = [
  'availability',
  'subject',
  'language',
  'level',
  'institution',
  'pacing',
  'certificate',
  'skill',
];

/** The reader's name for one facet value. */
export function facetValueLabel(t: T, facet: FacetName, value: string, label?: FacetCount['label']): string {
  switch (facet) {
    case 'subject':
      return subjectLabel(t, value);
    case 'language':
      return t.languageName(value);
    case 'level':
      return levelLabel(t, value);
    case 'pacing':
    case 'availability':
    case 'certificate':
      return t.t(`catalog.${facet}.${value}` as MessageKey);
    default:
      return pickText(label, t.locale)?.text ?? value;
  }
}

function chosenValues(filters: CatalogFilters, facet: FacetName): string[] {
  if (facet === 'certificate') return filters.certificate ? ['available'] : [];
  return filters[facet];
}

function shownCounts(counts: FacetCount[], chosen: string[]): FacetCount[] {
  const shown = counts.slice(0, MAX_SHOWN);
  for (const value of chosen) {
    if (!shown.some((count) => count.value === value)) {
      shown.push(counts.find((count) => count.value === value) ?? { value, count: 0 });
    }
  }
  return shown;
}

function FacetFieldset({
  t,
  facet,
  filters,
  counts,
}: {
  t: T;
  facet: FacetName;
  filters: CatalogFilters;
  counts: FacetCount[];
}) {
  const chosen = chosenValues(filters, facet);
  const shown = shownCounts(counts, chosen);
  if (shown.length === 0) return null;
  return (
    <fieldset>
      <legend>{t.t(`catalog.facet.${facet}`)}</legend>
      <ul class="facet-options">
        {shown.map((count) => {
          const id = `facet-${facet}-${count.value.replace(/[^\p{L}\p{N}_-]/gu, '_')}`;
          const label = facetValueLabel(t, facet, count.value, count.label);
          return (
            <li>
              <input type="checkbox" id={id} name={facet} value={count.value} checked={chosen.includes(count.value)} />{' '}
              <label for={id}>{t.t('catalog.facet.option', { label, count: t.formatNumber(count.count) })}</label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** The facet checkboxes of the search form; the form itself carries the words and the sort. */
export function FacetFilters({ t, filters, page }: { t: T; filters: CatalogFilters; page: CatalogPage }) {
  return (
    <div class="filters">
      <h2>{t.t('catalog.filters.title')}</h2>
      {FACET_ORDER.map((facet) => (
        <FacetFieldset t={t} facet={facet} filters={filters} counts={page.facets[facet]} />
      ))}
      <p class="actions">
        <button type="submit" class="button">
          {t.t('catalog.filters.apply')}
        </button>
        <a href={catalogHref({ ...emptyFilters(), q: filters.q })}>{t.t('catalog.filters.clear')}</a>
      </p>
    </div>
  );
}

export function emptyFilters(): CatalogFilters {
  return {
    q: '',
    subject: [],
    language: [],
    institution: [],
    level: [],
    pacing: [],
    availability: [],
    skill: [],
    certificate: false,
    sort: undefined,
    page: 1,
  };
}

function findLabel(page: CatalogPage, facet: FacetName, value: string): FacetCount['label'] {
  return page.facets[facet].find((count) => count.value === value)?.label;
}

/** Each chosen value as a link that removes it and keeps everything else. */
export function ActiveFilters({ t, filters, page }: { t: T; filters: CatalogFilters; page: CatalogPage }) {
  const chosen: Array<{ facet: ListFilter | 'certificate'; value: string }> = [
    ...LIST_FILTERS.flatMap((facet) => filters[facet].map((value) => ({ facet, value }))),
    ...(filters.certificate ? [{ facet: 'certificate' as const, value: 'available' }] : []),
  ];
  if (chosen.length === 0) return null;
  return (
    <nav aria-labelledby="active-filters-heading">
      <h3 id="active-filters-heading" class="visually-hidden">
        {t.t('catalog.filters.active')}
      </h3>
      <ul class="stats active-filters">
        {chosen.map(({ facet, value }) => {
          const label = `${t.t(`catalog.facet.${facet}`)}: ${facetValueLabel(t, facet, value, findLabel(page, facet, value))}`;
          return (
            <li>
              <a href={withoutValue(filters, facet, value)} aria-label={t.t('catalog.filters.remove', { label })}>
                {label} <span aria-hidden="true">×</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
