import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { removeCatalogEntry, searchCatalog, searchCatalogUncached, upsertCatalogEntry } from './index.ts';
import { NOW, buildDocument } from './test-fixtures.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const search = () => searchCatalog(handle.db, { q: 'glaciers', now: NOW });

describe('repeated searches', () => {
  it('are answered from memory until the catalog changes', async () => {
    await upsertCatalogEntry(handle.db, buildDocument({ courseId: 1, key: 'glaciers', titles: { en: 'Glaciers' } }));
    expect((await search()).total).toBe(1);
    // Behind the catalog's back: a cached answer does not notice…
    await handle.db.execute(sql`delete from cat_entry where course_id = 1`);
    expect((await search()).total).toBe(1);
    // …but any write through the catalog starts afresh.
    await upsertCatalogEntry(
      handle.db,
      buildDocument({ courseId: 2, key: 'glaciers-2', titles: { en: 'More glaciers' } }),
    );
    expect((await search()).items.map((hit) => hit.key)).toEqual(['glaciers-2']);
    await removeCatalogEntry(handle.db, 2);
    expect((await search()).total).toBe(0);
  });
});

describe('the uncached search', () => {
  it('always asks the database', async () => {
    await upsertCatalogEntry(handle.db, buildDocument({ courseId: 3, key: 'fjords', titles: { en: 'Fjords' } }));
    expect((await searchCatalog(handle.db, { q: 'fjords', now: NOW })).total).toBe(1);
    await handle.db.execute(sql`delete from cat_entry where course_id = 3`);
    expect((await searchCatalogUncached(handle.db, { q: 'fjords', now: NOW })).total).toBe(0);
  });
});
