import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import { createTestConfig } from '../../test/support/app.ts';
import { findUserByEmail } from '../modules/identity/index.ts';
import {
  getInstitutionByKey,
  listInstitutions,
  listMembershipsOfUser,
  summarizeAlliance,
} from '../modules/institutions/index.ts';
import type { DatabaseHandle } from '../platform/db/index.ts';
import * as signInPageDemo from '../web/pages/auth/demo-accounts.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from './demo.ts';
import { openPlatform, type RunningPlatform } from './platform.ts';

let database: DatabaseHandle;
let platform: RunningPlatform;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orbis-demo-'));
  platform = await openPlatform(createTestConfig({ ORBIS_DATA_DIR: dataDir }), {
    database,
    migrate: false,
    dispatchMail: false,
  });
});
afterAll(async () => {
  await platform.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('demo data', () => {
  it('seeds the twenty founding members once, however often it runs', async () => {
    expect(await seedDemoIfEmpty(platform)).toBe(true);
    expect(await seedDemoIfEmpty(platform)).toBe(false);
    const directory = await listInstitutions(platform.db, { pageSize: 100 });
    expect(directory.total).toBe(20);
    expect(directory.items.every((item) => item.membershipStatus === 'founding_member')).toBe(true);
    expect(directory.items.every((item) => item.joinedOn === '2020-12-11')).toBe(true);
    expect(directory.items.every((item) => item.website?.startsWith('https://'))).toBe(true);
    expect(directory.items.every((item) => item.name.en && item.name['zh-Hans'] && item.name.ar)).toBe(true);
    expect(directory.typeCounts).toMatchObject({ university: 16, mooc_platform: 3, research_centre: 1 });
    expect(await summarizeAlliance(platform.db)).toEqual({ members: 20, countries: 14, regions: 5 });
  });

  it('puts each institution in its country', async () => {
    const expected: Record<string, string> = {
      tsinghua: 'CN',
      cornell: 'US',
      cri: 'FR',
      edx: 'US',
      nairobi: 'KE',
      polimi: 'IT',
      thaimooc: 'TH',
      auckland: 'NZ',
      uchile: 'CL',
      toronto: 'CA',
    };
    for (const [key, country] of Object.entries(expected)) {
      expect((await getInstitutionByKey(platform.db, key))?.country).toBe(country);
    }
    expect((await getInstitutionByKey(platform.db, 'tsinghua'))?.name['zh-Hans']).toBe('清华大学');
  });

  it('creates one account per role with its membership', async () => {
    const nairobi = (await getInstitutionByKey(platform.db, 'nairobi'))!;
    const admin = (await findUserByEmail(platform.db, 'admin@demo.orbis.test'))!;
    expect(await listMembershipsOfUser(platform.db, admin.id)).toEqual([{ institutionId: nairobi.id, role: 'admin' }]);
    const secretariat = await findUserByEmail(platform.db, 'secretariat@demo.orbis.test');
    expect(secretariat?.platformRole).toBe('secretariat');
    expect(DEMO_ACCOUNTS).toHaveLength(6);
  });

  it('matches the demo accounts the sign-in page lists, which may not import server code', () => {
    expect(signInPageDemo.DEMO_ACCOUNTS.map((account) => account.email)).toEqual(
      DEMO_ACCOUNTS.map((account) => account.email),
    );
    expect(signInPageDemo.DEMO_PASSWORD).toBe(DEMO_PASSWORD);
  });
});
