import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DatabaseHandle } from './open.ts';

/** The committed migrations live at the package root, whether running from src/ or dist/src/. */
export function findMigrationsFolder(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = path.join(directory, 'migrations');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    directory = path.dirname(directory);
  }
  throw new Error('The migrations folder was not found next to the Orbis package.');
}

export async function applyMigrations(handle: DatabaseHandle): Promise<void> {
  const migrationsFolder = findMigrationsFolder();
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as unknown as NodePgDatabase, { migrationsFolder });
  }
}

export type MigrationStatus = { applied: number; expected: number; current: boolean };

type Journal = { entries: Array<{ tag: string; when: number }> };

export async function readMigrationStatus(handle: DatabaseHandle): Promise<MigrationStatus> {
  const journal = JSON.parse(
    fs.readFileSync(path.join(findMigrationsFolder(), 'meta', '_journal.json'), 'utf8'),
  ) as Journal;
  const expected = journal.entries.length;
  const lastWhen = journal.entries.at(-1)?.when ?? 0;
  const result = await handle.db.execute(
    sql`select count(*)::int as applied, coalesce(max(created_at), 0)::bigint as last from drizzle.__drizzle_migrations`,
  );
  const row = (result as unknown as { rows: Array<{ applied: number; last: string | number }> }).rows[0];
  const applied = Number(row?.applied ?? 0);
  return { applied, expected, current: applied >= expected && Number(row?.last ?? 0) >= lastWhen };
}
