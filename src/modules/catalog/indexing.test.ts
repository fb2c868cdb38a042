import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { removeCatalogEntry, searchCatalog, upsertCatalogEntry, type CatalogDocument } from './index.ts';
import { NOW, buildDocument, owner, run } from './test-fixtures.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});

afterAll(async () => {
  await handle?.close();
});

async function keysFor(q: string): Promise<string[]> {
  return (await searchCatalog(handle.db, { now: NOW, q })).items.map((item) => item.key);
}

describe('upsertCatalogEntry', () => {
  it('replaces the document of a course that is published again', async () => {
    const first = buildDocument({ key: 'oceanography', titles: { en: 'Oceanography Basics' } });
    await upsertCatalogEntry(handle.db, first);
    expect(await keysFor('oceanography')).toEqual(['oceanography']);

    await upsertCatalogEntry(handle.db, {
      ...first,
      titles: { en: 'Marine Biology', de: 'Meeresbiologie' },
      owners: [owner('nairobi'), owner('cairo', 'partner')],
      runs: [run({ pacing: 'self_paced', certificatePolicy: 'free_on_pass' })],
    });
    expect(await keysFor('oceanography')).toEqual([]);
    expect(await keysFor('Meeresbiologie')).toEqual(['oceanography']);
    const page = await searchCatalog(handle.db, { now: NOW, q: 'marine' });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ joint: true, nextRun: { pacing: 'self_paced', isOpenNow: true } });
    expect(page.facets.certificate).toEqual([{ value: 'available', count: 1 }]);
  });

  it('works inside the caller transaction and rolls back with it', async () => {
    const document = buildDocument({ key: 'volcanology', titles: { en: 'Volcanology' } });
    await expect(
      handle.db.transaction(async (tx) => {
        await upsertCatalogEntry(tx, document);
        throw new Error('publish failed');
      }),
    ).rejects.toThrow('publish failed');
    expect(await keysFor('volcanology')).toEqual([]);
  });

  it.each<[string, Partial<CatalogDocument>]>([
    ['no title', { titles: {} }],
    ['no owner', { owners: [] }],
    ['a bad key', { key: 'Not A Key' }],
    ['a bad language tag', { languages: ['english'] }],
    ['a bad date', { publishedAt: 'yesterday' as unknown as Date }],
  ])('rejects a document with %s', async (_label, change) => {
    await expect(upsertCatalogEntry(handle.db, buildDocument(change))).rejects.toMatchObject({
      kind: 'invalid',
      code: 'catalog.invalid_document',
    });
  });

  it('accepts dates as ISO strings and runs whose enrollment closes before it opens', async () => {
    await upsertCatalogEntry(
      handle.db,
      buildDocument({
        key: 'odd-dates',
        titles: { en: 'Geology in the Field' },
        publishedAt: '2026-05-01T00:00:00Z' as unknown as Date,
        runs: [
          run({
            enrollmentOpensAt: new Date('2026-05-10T00:00:00Z'),
            enrollmentClosesAt: new Date('2026-05-01T00:00:00Z'),
          }),
        ],
      }),
    );
    const [hit] = (await searchCatalog(handle.db, { now: NOW, q: 'geology' })).items;
    expect(hit?.publishedAt).toEqual(new Date('2026-05-01T00:00:00Z'));
  });
});

describe('removeCatalogEntry', () => {
  it('takes a course out of search and facets', async () => {
    const document = buildDocument({
      key: 'astronomy',
      titles: { en: 'Astronomy Tonight' },
      subjects: ['natural_sciences'],
    });
    await upsertCatalogEntry(handle.db, document);
    expect(await keysFor('astronomy')).toEqual(['astronomy']);
    expect(await removeCatalogEntry(handle.db, document.courseId)).toBe(true);
    expect(await keysFor('astronomy')).toEqual([]);
    const page = await searchCatalog(handle.db, { now: NOW, subjects: ['natural_sciences'] });
    expect(page.total).toBe(0);
    expect(await removeCatalogEntry(handle.db, document.courseId)).toBe(false);
  });
});
