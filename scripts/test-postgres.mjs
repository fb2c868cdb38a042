// Runs the database and HTTP suites again on a real PostgreSQL server (DATABASE_URL, or the
// local server on 127.0.0.1:5432); every test file creates and drops its own database.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const result = spawnSync(
  process.execPath,
  [path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs'), 'run', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url },
  },
);
process.exit(result.status ?? 1);
