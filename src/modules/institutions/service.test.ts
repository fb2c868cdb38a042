import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/access/index.ts';
import { systemClock } from '../../platform/clock/index.ts';
import {
  createInstitution,
  getInstitutionByKey,
  listInstitutions,
  setMembershipStatus,
  summarizeAlliance,
  updateInstitutionProfile,
} from './index.ts';
import { createTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: ReturnType<typeof createTestHelpers>;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createTestHelpers(handle.db);
  const { buildInstitution } = helpers;
  await buildInstitution({
    key: 'nairobi',
    name: { en: 'University of Nairobi', ar: 'جامعة نيروبي' },
    country: 'KE',
    membershipStatus: 'founding_member',
  });
  await buildInstitution({
    key: 'tsinghua',
    name: { en: 'Tsinghua University', 'zh-Hans': '清华大学' },
    shortName: 'THU',
    country: 'CN',
    membershipStatus: 'founding_member',
  });
  await buildInstitution({
    key: 'xuetangx',
    name: { en: 'XuetangX', 'zh-Hans': '学堂在线' },
    country: 'CN',
    type: 'mooc_platform',
  });
  await buildInstitution({ key: 'chile', name: { en: 'Universidad de Chile' }, country: 'CL' });
  await buildInstitution({
    key: 'zurich-applicant',
    name: { en: 'Zürich Applicant' },
    country: 'CH',
    membershipStatus: 'applicant',
  });
  await buildInstitution({
    key: 'suspended-one',
    name: { en: 'Suspended One' },
    country: 'FR',
    membershipStatus: 'suspended',
  });
});
afterAll(() => handle.close());

describe('the alliance directory', () => {
  it('lists members and founding members only, with counts per region and type', async () => {
    const page = await listInstitutions(handle.db);
    expect(page.items.map((item) => item.key).sort()).toEqual(['chile', 'nairobi', 'tsinghua', 'xuetangx']);
    expect(page.total).toBe(4);
    expect(page.regionCounts).toEqual({ africa: 1, americas: 1, asia: 2, europe: 0, oceania: 0 });
    expect(page.typeCounts.mooc_platform).toBe(1);
    expect(page.typeCounts.university).toBe(3);
  });

  it('counts regions under the other filters but ignores its own region filter', async () => {
    const page = await listInstitutions(handle.db, { region: 'asia', type: 'university' });
    expect(page.items.map((item) => item.key)).toEqual(['tsinghua']);
    expect(page.regionCounts).toEqual({ africa: 1, americas: 1, asia: 1, europe: 0, oceania: 0 });
    expect(page.typeCounts).toMatchObject({ university: 1, mooc_platform: 1 });
  });

  it('finds institutions by a name in any language, without accents, and by short name', async () => {
    expect((await listInstitutions(handle.db, { query: '清华' })).items.map((i) => i.key)).toEqual(['tsinghua']);
    expect((await listInstitutions(handle.db, { query: 'thu' })).items.map((i) => i.key)).toEqual(['tsinghua']);
    expect((await listInstitutions(handle.db, { query: 'zurich', visibility: 'all' })).total).toBe(1);
    expect((await listInstitutions(handle.db, { query: '100%' })).total).toBe(0);
  });

  it('shows everyone to the secretariat and pages through the list', async () => {
    const all = await listInstitutions(handle.db, { visibility: 'all', pageSize: 4, page: 2 });
    expect(all.total).toBe(6);
    expect(all.items).toHaveLength(2);
    expect(all.pageCount).toBe(2);
  });

  it('summarizes members, countries and regions', async () => {
    expect(await summarizeAlliance(handle.db)).toEqual({ members: 4, countries: 3, regions: 3 });
  });
});

describe('institution writes', () => {
  it('lets the secretariat create an institution and records it in the audit log', async () => {
    const secretariat = await helpers.buildUser({ secretariat: true });
    const ctx = await helpers.contextFor(secretariat.id, true);
    const created = await createInstitution(ctx, {
      key: 'auckland',
      name: { en: 'University of Auckland' },
      country: 'nz',
      type: 'university',
    });
    expect(created).toMatchObject({ key: 'auckland', country: 'NZ', region: 'oceania', membershipStatus: 'applicant' });
    const [event] = await listAuditEvents(handle.db, { action: 'institution.created', actorId: secretariat.id });
    expect(event).toMatchObject({ institutionId: created.id });
  });

  it('rejects bad keys, countries, types and duplicate keys', async () => {
    const bad = { key: 'Bad Key', name: { en: 'x' }, country: 'XX', type: 'castle' as 'university' };
    await expect(createInstitution(helpers.system, bad)).rejects.toMatchObject({ kind: 'invalid' });
    await expect(
      createInstitution(helpers.system, { key: 'nairobi', name: { en: 'Again' }, country: 'KE', type: 'university' }),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'institution.key_taken' });
  });

  it('forbids learners and institution admins from creating institutions', async () => {
    const learner = await helpers.buildUser();
    const ctx = await helpers.contextFor(learner.id);
    await expect(
      createInstitution(ctx, { key: 'mine', name: { en: 'Mine' }, country: 'KE', type: 'university' }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('lets an admin edit their own profile but not another institution’s', async () => {
    const nairobi = (await getInstitutionByKey(handle.db, 'nairobi'))!;
    const tsinghua = (await getInstitutionByKey(handle.db, 'tsinghua'))!;
    const { ctx } = await helpers.buildPerson(nairobi, 'admin');
    const updated = await updateInstitutionProfile(ctx, nairobi.id, {
      city: 'Nairobi',
      website: 'https://uonbi.ac.ke',
    });
    expect(updated.city).toBe('Nairobi');
    await expect(updateInstitutionProfile(ctx, tsinghua.id, { city: 'Elsewhere' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(
      updateInstitutionProfile(ctx, nairobi.id, { logoUrl: 'http://insecure.example/logo.png' }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    const [event] = await listAuditEvents(handle.db, { action: 'institution.profile_updated' });
    expect(event).toMatchObject({ before: { city: '', website: null }, after: { city: 'Nairobi' } });
  });

  it('lets only the secretariat change membership status, dating admission', async () => {
    const applicant = (await getInstitutionByKey(handle.db, 'zurich-applicant'))!;
    const { ctx: adminCtx } = await helpers.buildPerson(applicant, 'admin');
    await expect(setMembershipStatus(adminCtx, applicant.id, 'member')).rejects.toMatchObject({ kind: 'forbidden' });
    const admitted = await setMembershipStatus(helpers.system, applicant.id, 'member');
    expect(admitted).toMatchObject({ membershipStatus: 'member', joinedOn: '2024-03-01' });
  });
});

describe('the directory cache', () => {
  it('shows a change to the public directory at once after a write', async () => {
    const db = handle.db;
    const system = { db, clock: systemClock, actor: SYSTEM_ACTOR };
    const before = await summarizeAlliance(db);
    const created = await createInstitution(system, {
      key: 'cache-check',
      name: { en: 'Cache Check University' },
      country: 'KE',
      type: 'university',
      membershipStatus: 'member',
    });
    expect((await summarizeAlliance(db)).members).toBe(before.members + 1);
    await updateInstitutionProfile(system, created.id, { name: { en: 'Renamed University' } });
    expect((await getInstitutionByKey(db, 'cache-check'))?.name.en).toBe('Renamed University');
    await setMembershipStatus(system, created.id, 'suspended');
    const listed = await listInstitutions(db, { query: 'Renamed' });
    expect(listed.items.map((item) => item.key)).not.toContain('cache-check');
  });
});
