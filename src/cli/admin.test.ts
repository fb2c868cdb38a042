import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { createTestConfig } from '../../test/support/app.ts';
import { getInstitutionByKey } from '../modules/institutions/index.ts';
import { openDatabase } from '../platform/db/index.ts';
import { runAdminCommand } from './admin.ts';
import { parseAdminCommand } from './admin-args.ts';

describe('parsing administrative commands', () => {
  it('reads each command and its options', () => {
    expect(parseAdminCommand('seed', ['--demo'])).toEqual({ ok: true, command: { kind: 'seed-demo' } });
    expect(parseAdminCommand('user', ['create', '--email', 'a@b.test', '--name', 'Ada', '--secretariat'])).toEqual({
      ok: true,
      command: { kind: 'user-create', email: 'a@b.test', name: 'Ada', password: null, secretariat: true },
    });
    const parsed = parseAdminCommand('institution', [
      'create',
      '--key',
      'rice',
      '--name',
      'Rice University',
      '--country',
      'US',
      '--type',
      'university',
      '--short-name',
      'Rice',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      command: { institution: { key: 'rice', shortName: 'Rice', membershipStatus: 'member' } },
    });
  });

  it.each([
    ['seed', []],
    ['seed', ['--demo', '--everything']],
    ['user', ['delete']],
    ['user', ['create', '--email', 'a@b.test']],
    ['user', ['create', '--email', 'a@b.test', '--name', 'A', '--password', 'short']],
    ['institution', ['create', '--key', 'x', '--name', 'X', '--country', 'US']],
    ['institution', ['create', '--key', 'x', '--name', 'X', '--country', 'US', '--type', 'castle']],
    ['institution', ['create', '--key', 'x', '--name', 'X', '--country', 'US', '--type', 'ngo', 'stray']],
    ['launch', []],
  ])('refuses "%s %s" with a clear message', (command, args) => {
    const parsed = parseAdminCommand(command, args);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(5);
  });
});

describe('running an administrative command', () => {
  let directory: string;
  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'orbis-cli-'));
    // Starting from the migrated template keeps the test fast; on PostgreSQL runs it migrates itself.
    const template = process.env.DATABASE_URL ? null : inject('pgliteTemplate');
    if (template) {
      const loadDataDir = new Blob([fs.readFileSync(template)]);
      const handle = await openDatabase({ kind: 'pglite', dataDir: path.join(directory, 'pglite'), loadDataDir });
      await handle.close();
    }
  });
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('creates an institution in a PGlite data directory, and exits 2 on bad arguments', async () => {
    const config = {
      ...createTestConfig({ ORBIS_DATA_DIR: directory }),
      database: { kind: 'pglite' as const, dataDir: path.join(directory, 'pglite') },
    };
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const args = [
        'create',
        '--key',
        'nairobi',
        '--name',
        'University of Nairobi',
        '--country',
        'KE',
        '--type',
        'university',
        '--city',
        'Nairobi',
      ];
      expect(await runAdminCommand(config, 'institution', args)).toBe(0);
      expect(await runAdminCommand(config, 'institution', args)).toBe(1);
      expect(await runAdminCommand(config, 'institution', ['create', '--bogus'])).toBe(2);
      expect(error.mock.calls.at(-1)?.[0]).toContain('--bogus');
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    const handle = await openDatabase({ kind: 'pglite', dataDir: path.join(directory, 'pglite') });
    try {
      expect(await getInstitutionByKey(handle.db, 'nairobi')).toMatchObject({
        country: 'KE',
        city: 'Nairobi',
        membershipStatus: 'member',
      });
    } finally {
      await handle.close();
    }
  });
});
