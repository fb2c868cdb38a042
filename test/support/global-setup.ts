import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations, openDatabase } from '../../src/platform/db/index.ts';

/**
 * Migrating a PGlite database takes seconds; doing it once and letting each test file load the
 * migrated data directory keeps the suite fast. On PostgreSQL each file creates its own database.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.DATABASE_URL) return () => undefined;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'orbis-template-'));
  const file = path.join(directory, 'template.tgz');
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  await applyMigrations(handle);
  const dump = await handle.dump!();
  await handle.close();
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(directory, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
