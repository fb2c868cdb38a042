import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { searchCatalog, upsertCatalogEntry, type CatalogPage, type CatalogQuery, type FacetName } from './index.ts';
import { NOW, buildSampleCatalog } from './test-fixtures.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  for (const document of buildSampleCatalog()) await upsertCatalogEntry(handle.db, document);
});

afterAll(async () => {
  await handle?.close();
});

async function search(query: Partial<CatalogQuery>): Promise<CatalogPage> {
  return searchCatalog(handle.db, { now: NOW, pageSize: 100, ...query });
}

function counts(page: CatalogPage, facet: FacetName): Record<string, number> {
  return Object.fromEntries(page.facets[facet].map((entry) => [entry.value, entry.count]));
}

function keys(page: CatalogPage): string[] {
  return page.items.map((item) => item.key).sort();
}

describe('facet counts without filters', () => {
  it('count subjects, languages, institutions and levels', async () => {
    const page = await search({});
    expect(counts(page, 'subject')).toEqual({ ict: 2, natural_sciences: 1, health_welfare: 1, arts_humanities: 1 });
    expect(counts(page, 'language')).toEqual({ en: 2, fr: 2, 'zh-Hans': 1, ar: 1, es: 1 });
    expect(counts(page, 'institution')).toEqual({
      tsinghua: 2,
      nairobi: 1,
      sorbonne: 1,
      xuetangx: 1,
      cairo: 1,
      unam: 1,
    });
    expect(counts(page, 'level')).toEqual({ introductory: 3, intermediate: 1, advanced: 1 });
  });

  it('count pacing, availability at now, certificates and skills', async () => {
    const page = await search({});
    expect(counts(page, 'pacing')).toEqual({ scheduled: 4, self_paced: 2 });
    expect(counts(page, 'availability')).toEqual({ open_now: 3, upcoming: 3, self_paced: 2 });
    expect(counts(page, 'certificate')).toEqual({ available: 3 });
    expect(counts(page, 'skill')).toEqual({
      'climate-modelling': 1,
      'sustainability-assessment': 1,
      epidemiology: 1,
      'machine-learning': 1,
      'python-programming': 1,
    });
  });

  it('list the largest counts first and label institutions and skills', async () => {
    const page = await search({});
    expect(page.facets.institution[0]).toEqual({
      value: 'tsinghua',
      count: 2,
      label: { en: 'Tsinghua University', 'zh-Hans': '清华大学' },
    });
    const epidemiology = page.facets.skill.find((entry) => entry.value === 'epidemiology');
    expect(epidemiology?.label).toEqual({ en: 'Epidemiology', fr: 'Épidémiologie' });
  });

  it('move availability with the clock', async () => {
    const later = await search({ now: new Date('2026-10-01T00:00:00Z') });
    expect(counts(later, 'availability')).toEqual({ open_now: 3, self_paced: 2 });
    const earlier = await search({ now: new Date('2025-01-01T00:00:00Z') });
    expect(counts(earlier, 'availability')).toEqual({ open_now: 3, upcoming: 4, self_paced: 2 });
  });
});

describe('filters', () => {
  it('filter by one subject while its own facet still counts every subject', async () => {
    const page = await search({ subjects: ['ict'] });
    expect(keys(page)).toEqual(['ciencia-datos', 'machine-learning']);
    expect(page.total).toBe(2);
    expect(counts(page, 'subject')).toEqual({ ict: 2, natural_sciences: 1, health_welfare: 1, arts_humanities: 1 });
    expect(counts(page, 'level')).toEqual({ introductory: 1, advanced: 1 });
    expect(counts(page, 'institution')).toEqual({ tsinghua: 1, xuetangx: 1, unam: 1 });
  });

  it('treat several values of one facet as alternatives', async () => {
    const page = await search({ subjects: ['ict', 'health_welfare'] });
    expect(keys(page)).toEqual(['ciencia-datos', 'machine-learning', 'sante-publique']);
  });

  it('combine facets: each facet is counted under all the others', async () => {
    const page = await search({ availability: ['upcoming'], certificate: true, levels: ['introductory'] });
    expect(keys(page)).toEqual(['ciencia-datos', 'climate-change']);
    expect(counts(page, 'level')).toEqual({ introductory: 2, advanced: 1 });
    expect(counts(page, 'availability')).toEqual({ open_now: 2, upcoming: 2, self_paced: 1 });
    expect(counts(page, 'certificate')).toEqual({ available: 2 });
  });

  it.each<[Partial<CatalogQuery>, string[]]>([
    [{ languages: ['fr'] }, ['climate-change', 'sante-publique']],
    [{ languages: ['ar', 'es'] }, ['arabic-poetry', 'ciencia-datos']],
    [{ institutions: ['tsinghua'] }, ['climate-change', 'machine-learning']],
    [{ levels: ['advanced', 'intermediate'] }, ['machine-learning', 'sante-publique']],
    [{ pacings: ['self_paced'] }, ['ciencia-datos', 'sante-publique']],
    [{ availability: ['open_now'] }, ['ciencia-datos', 'climate-change', 'sante-publique']],
    [
      { availability: ['self_paced', 'upcoming'] },
      ['ciencia-datos', 'climate-change', 'machine-learning', 'sante-publique'],
    ],
    [{ certificate: true }, ['ciencia-datos', 'climate-change', 'machine-learning']],
    [{ skills: ['epidemiology', 'python-programming'] }, ['machine-learning', 'sante-publique']],
  ])('filter %j', async (filter, expected) => {
    const page = await search(filter);
    expect(keys(page)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it('combine text and facets', async () => {
    const page = await search({ q: 'university', institutions: ['tsinghua'] });
    expect(keys(page)).toEqual(['climate-change', 'machine-learning']);
    expect(counts(page, 'institution')).toMatchObject({ tsinghua: 2, nairobi: 1, sorbonne: 1, cairo: 1 });
  });

  it('return nothing, with zero total, for a value no course has', async () => {
    const page = await search({ subjects: ['education'] });
    expect(page.items).toEqual([]);
    expect(page.total).toBe(0);
    expect(page.pageCount).toBe(1);
  });

  it('reject values that are not identifiers', async () => {
    await expect(search({ subjects: ["ict' or '1'='1"] })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(search({ languages: ['english'] })).rejects.toMatchObject({ kind: 'invalid' });
  });
});
