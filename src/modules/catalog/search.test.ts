import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { searchCatalog, upsertCatalogEntry, type CatalogQuery } from './index.ts';
import { NOW, buildSampleCatalog } from './test-fixtures.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  for (const document of buildSampleCatalog()) await upsertCatalogEntry(handle.db, document);
});

afterAll(async () => {
  await handle?.close();
});

async function keysFor(query: Partial<CatalogQuery>): Promise<string[]> {
  const page = await searchCatalog(handle.db, { now: NOW, ...query });
  return page.items.map((item) => item.key);
}

describe('full-text search in every language', () => {
  it('finds an English title by stemmed words', async () => {
    expect(await keysFor({ q: 'climate changes' })).toEqual(['climate-change', 'arabic-poetry']);
    expect(await keysFor({ q: 'sustainability' })).toContain('climate-change');
  });

  it('ranks a title match above a match in a description', async () => {
    const page = await searchCatalog(handle.db, { now: NOW, q: 'climate' });
    expect(page.items.map((item) => item.key)).toEqual(['climate-change', 'arabic-poetry']);
    expect(page.items[0]!.score).toBeGreaterThan(page.items[1]!.score);
    expect(page.sort).toBe('relevance');
  });

  it('ignores French accents on either side', async () => {
    expect(await keysFor({ q: 'education sante' })).toEqual(['sante-publique']);
    expect(await keysFor({ q: 'Éducation à la Santé' })).toEqual(['sante-publique']);
    expect(await keysFor({ q: 'eleves' })).toEqual(['sante-publique']);
    expect(await keysFor({ q: 'développement durable' })).toEqual(['climate-change']);
  });

  it('finds Arabic titles with the Arabic stemmer', async () => {
    expect(await keysFor({ q: 'المناخ' })).toEqual(['climate-change']);
    expect(await keysFor({ q: 'الشعر العربي' })).toEqual(['arabic-poetry']);
  });

  it('finds Chinese and Japanese titles from a part of the title', async () => {
    expect(await keysFor({ q: '气候' })).toEqual(['climate-change']);
    expect(await keysFor({ q: '可持续发展' })).toEqual(['climate-change']);
    expect(await keysFor({ q: '变化与可持' })).toEqual(['climate-change']);
    expect(await keysFor({ q: '机器学习' })).toEqual(['machine-learning']);
    expect(await keysFor({ q: '機械学習' })).toEqual(['machine-learning']);
    expect(await keysFor({ q: '数据库' })).toEqual([]);
  });

  it('combines Chinese and Latin words in one query', async () => {
    expect(await keysFor({ q: '机器学习 python' })).toEqual(['machine-learning']);
    expect(await keysFor({ q: '机器学习 poetry' })).toEqual([]);
  });

  it('finds courses by the names of their institutions', async () => {
    expect(await keysFor({ q: 'Tsinghua', sort: 'newest' })).toEqual(['machine-learning', 'climate-change']);
  });
});

describe('misspelt queries', () => {
  it('falls back to trigram similarity when full text finds too little', async () => {
    const page = await searchCatalog(handle.db, { now: NOW, q: 'climat chnage' });
    expect(page.fuzzy).toBe(true);
    expect(page.items[0]?.key).toBe('climate-change');
    expect(await keysFor({ q: 'sustainible' })).toContain('climate-change');
    expect(await keysFor({ q: 'machin lerning' })).toContain('machine-learning');
    expect(await keysFor({ q: 'epidemiologie' })).toContain('sante-publique');
  });

  it('does not relax spelling for a query full text answers', async () => {
    const page = await searchCatalog(handle.db, { now: NOW, q: 'university' });
    expect(page.fuzzy).toBe(false);
    // Four owners are called University; the Spanish stemmer also folds UNAM's Universidad into it.
    expect(page.total).toBe(5);
  });

  it('finds nothing for words far from every title', async () => {
    expect(await keysFor({ q: 'quantum chromodynamics' })).toEqual([]);
  });
});

describe('hostile and empty queries', () => {
  it.each([
    "'; drop table cat_entry; --",
    "' or 1=1 --",
    'climate:* & !',
    '"unterminated',
    '(((',
    '%_\\',
    '-climate',
    'or and not <-> ||',
    '\u0000',
  ])('searches %j without error and keeps the table', async (q) => {
    const page = await searchCatalog(handle.db, { now: NOW, q: q.replace('\u0000', ' ') });
    expect(page.total).toBeGreaterThanOrEqual(0);
    const result = (await handle.db.execute(sql`select count(*)::int as n from cat_entry`)) as unknown as {
      rows: Array<{ n: number }>;
    };
    expect(Number(result.rows[0]?.n)).toBe(5);
  });

  it('lists every course, newest first, for an empty query', async () => {
    const page = await searchCatalog(handle.db, { now: NOW, q: '   ' });
    expect(page.total).toBe(5);
    expect(page.sort).toBe('newest');
    expect(page.items.map((item) => item.score)).toEqual([0, 0, 0, 0, 0]);
  });

  it('rejects a query longer than allowed', async () => {
    await expect(searchCatalog(handle.db, { now: NOW, q: 'x'.repeat(201) })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'catalog.invalid_query',
    });
  });
});

describe('sorting and pagination', () => {
  it('sorts by publication date', async () => {
    expect(await keysFor({ sort: 'newest' })).toEqual([
      'ciencia-datos',
      'machine-learning',
      'sante-publique',
      'climate-change',
      'arabic-poetry',
    ]);
  });

  it('sorts by the next start to come, courses without one last', async () => {
    expect(await keysFor({ sort: 'starting_soon' })).toEqual([
      'climate-change',
      'ciencia-datos',
      'machine-learning',
      'sante-publique',
      'arabic-poetry',
    ]);
  });

  it('falls back to newest when relevance is asked without words', async () => {
    const page = await searchCatalog(handle.db, { now: NOW, sort: 'relevance' });
    expect(page.sort).toBe('newest');
  });

  it('pages through the results and reports the total', async () => {
    const second = await searchCatalog(handle.db, { now: NOW, sort: 'newest', page: 2, pageSize: 2 });
    expect(second.items.map((item) => item.key)).toEqual(['sante-publique', 'climate-change']);
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2, pageCount: 3 });
    const beyond = await searchCatalog(handle.db, { now: NOW, page: 9, pageSize: 2 });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(5);
    expect((await searchCatalog(handle.db, { now: NOW, pageSize: 100 })).items).toHaveLength(5);
  });

  it.each([{ pageSize: 101 }, { pageSize: 0 }, { page: 0 }, { page: 1.5 }])('rejects paging %j', async (paging) => {
    await expect(searchCatalog(handle.db, { now: NOW, ...paging })).rejects.toMatchObject({ kind: 'invalid' });
  });
});

describe('results', () => {
  it('present titles, owners lead first, the joint flag and the next run', async () => {
    const [hit] = (await searchCatalog(handle.db, { now: NOW, q: 'climate change' })).items;
    expect(hit).toMatchObject({
      key: 'climate-change',
      title: { 'zh-Hans': '气候变化与可持续发展' },
      shortDescription: { en: 'How the climate works and what we can do.' },
      joint: true,
      level: 'introductory',
      languages: ['en', 'fr'],
      imageUrl: null,
    });
    expect(hit!.owners.map((item) => [item.key, item.role])).toEqual([
      ['nairobi', 'lead'],
      ['tsinghua', 'partner'],
    ]);
    expect(hit!.nextRun).toMatchObject({ code: '2026-T1', isOpenNow: true, hasCertificate: true });
    expect(hit!.nextRun!.startsAt).toEqual(new Date('2026-06-10T00:00:00Z'));
    expect(hit!.publishedAt).toEqual(new Date('2026-01-10T00:00:00Z'));
  });

  it('summarise an upcoming run that is not open yet, and no run when all are over', async () => {
    const items = (await searchCatalog(handle.db, { now: NOW, pageSize: 100 })).items;
    const byKey = new Map(items.map((item) => [item.key, item]));
    expect(byKey.get('machine-learning')!.nextRun).toMatchObject({ isOpenNow: false, language: 'zh-Hans' });
    expect(byKey.get('arabic-poetry')!.nextRun).toBeNull();
    expect(byKey.get('sante-publique')!.joint).toBe(false);
  });
});
