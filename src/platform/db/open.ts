import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from './types.ts';

export type DatabaseHandle = {
  kind: 'postgres' | 'pglite';
  db: Database;
  /** Runs plain SQL, used by health checks and tests. */
  execute(sql: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: a snapshot of the data directory, to clone test databases quickly. */
  dump?: () => Promise<Blob>;
};

export type DatabaseTarget =
  { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir: string | null; loadDataDir?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.poolSize ?? 10) : openPglite(target);
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzlePostgres(pool, { casing: 'snake_case' }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    execute: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

async function openPglite(target: { dataDir: string | null; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    extensions: { pg_trgm, unaccent },
  });
  const db = drizzlePglite(client, { casing: 'snake_case' }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    execute: async (sql) => {
      await client.exec(sql);
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir('gzip'),
  };
}
