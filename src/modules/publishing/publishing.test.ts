import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import {
  canonicalJson,
  createEntity,
  createNextVersion,
  createPackage,
  deleteFromDraft,
  getDraftVersion,
  getEntitiesByIds,
  getVersionsByIds,
  listDraftStates,
  listPublishedStates,
  listPublishLogs,
  listUnpublishedChanges,
  publishDrafts,
  resetDraftsToPublished,
  hashContent,
} from './index.ts';
import { pubVersion } from './schema.ts';

let handle: DatabaseHandle;
let counter = 0;
const at = new Date('2024-05-01T08:00:00Z');
const stamp = { by: null, at };

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function buildPackage() {
  counter += 1;
  return createPackage(handle.db, `package-${counter}`, at);
}

async function buildEntity(packageId: number, key: string, data: unknown = { n: 0 }) {
  const entity = await createEntity(handle.db, { packageId, key, kind: 'thing', ...stamp });
  const version = await createNextVersion(handle.db, { entityId: entity.id, data, ...stamp });
  return { entity, version };
}

describe('content hashes', () => {
  it('do not depend on key order and ignore undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(hashContent({ a: 1, b: [1, 2] })).toBe(hashContent({ b: [1, 2], a: 1, c: undefined }));
  });

  it('change when values or array order change', () => {
    expect(hashContent({ a: [1, 2] })).not.toBe(hashContent({ a: [2, 1] }));
    expect(hashContent({ a: 1 })).not.toBe(hashContent({ a: '1' }));
  });

  it('are the sha256 of the canonical JSON, so they stay stable across releases', () => {
    const expected = createHash('sha256').update('{"a":1,"b":"x"}').digest('hex');
    expect(hashContent({ b: 'x', a: 1 })).toBe(expected);
  });
});

describe('versions', () => {
  it('are numbered from 1 and move the draft pointer', async () => {
    const pkg = await buildPackage();
    const { entity, version } = await buildEntity(pkg.id, 'a', { n: 1 });
    expect(version.versionNum).toBe(1);
    const second = await createNextVersion(handle.db, { entityId: entity.id, data: { n: 2 }, ...stamp });
    expect(second.versionNum).toBe(2);
    expect((await getDraftVersion(handle.db, entity.id))!.id).toBe(second.id);
    expect((await getVersionsByIds(handle.db, [version.id]))[0]!.data).toEqual({ n: 1 });
  });

  it('are not written when the data equals the draft (no-op versions)', async () => {
    const pkg = await buildPackage();
    const { entity, version } = await buildEntity(pkg.id, 'a', { x: 1, y: 2 });
    const again = await createNextVersion(handle.db, { entityId: entity.id, data: { y: 2, x: 1 }, ...stamp });
    expect(again).toEqual(version);
    const rows = (await handle.db.select().from(pubVersion)).filter((row) => row.entityId === entity.id);
    expect(rows).toHaveLength(1);
  });

  it('keep entity keys unique within a package but not across packages', async () => {
    const one = await buildPackage();
    const two = await buildPackage();
    await buildEntity(one.id, 'same');
    await buildEntity(two.id, 'same');
    await expect(buildEntity(one.id, 'same')).rejects.toThrow();
    await expect(buildEntity(one.id, 'bad key!')).rejects.toThrow();
  });

  it('look-ups by id accept empty lists', async () => {
    expect(await getVersionsByIds(handle.db, [])).toEqual([]);
    expect(await getEntitiesByIds(handle.db, [])).toEqual([]);
  });
});

describe('publishing', () => {
  it('publishes nothing when the draft equals the published side', async () => {
    const pkg = await buildPackage();
    expect(await publishDrafts(handle.db, { packageId: pkg.id, message: 'empty', ...stamp })).toBeNull();
    await buildEntity(pkg.id, 'a');
    expect(await publishDrafts(handle.db, { packageId: pkg.id, message: 'first', ...stamp })).not.toBeNull();
    expect(await publishDrafts(handle.db, { packageId: pkg.id, message: 'again', ...stamp })).toBeNull();
    expect(await listPublishLogs(handle.db, pkg.id)).toHaveLength(1);
  });

  it('records in the log what moved, from which version to which', async () => {
    const pkg = await buildPackage();
    const a = await buildEntity(pkg.id, 'a', { n: 1 });
    const b = await buildEntity(pkg.id, 'b', { n: 1 });
    const first = await publishDrafts(handle.db, { packageId: pkg.id, message: 'one', ...stamp });
    expect(first!.records.map((r) => [r.entityKey, r.oldVersionId, r.newVersionId]).sort()).toEqual([
      ['a', null, a.version.id],
      ['b', null, b.version.id],
    ]);
    const a2 = await createNextVersion(handle.db, { entityId: a.entity.id, data: { n: 2 }, ...stamp });
    const second = await publishDrafts(handle.db, {
      packageId: pkg.id,
      message: 'two',
      by: null,
      at: new Date(at.getTime() + 1000),
    });
    expect(second!.records).toEqual([
      { entityId: a.entity.id, entityKey: 'a', kind: 'thing', oldVersionId: a.version.id, newVersionId: a2.id },
    ]);
    const logs = await listPublishLogs(handle.db, pkg.id);
    expect(logs.map((log) => [log.message, log.records.length])).toEqual([
      ['two', 1],
      ['one', 2],
    ]);
    const published = await listPublishedStates(handle.db, pkg.id);
    expect(Object.fromEntries(published.map((s) => [s.entity.key, s.version?.id]))).toEqual({
      a: a2.id,
      b: b.version.id,
    });
  });

  it('records entities deleted from the draft, and hides them from the published side after publishing', async () => {
    const pkg = await buildPackage();
    const a = await buildEntity(pkg.id, 'a');
    await publishDrafts(handle.db, { packageId: pkg.id, message: 'one', ...stamp });
    await deleteFromDraft(handle.db, a.entity.id);
    expect(await getDraftVersion(handle.db, a.entity.id)).toBeNull();
    expect((await listPublishedStates(handle.db, pkg.id))[0]!.version!.id).toBe(a.version.id);
    expect(await listUnpublishedChanges(handle.db, pkg.id)).toEqual([
      { entityId: a.entity.id, entityKey: 'a', kind: 'thing', oldVersionId: a.version.id, newVersionId: null },
    ]);
    const log = await publishDrafts(handle.db, { packageId: pkg.id, message: 'delete', ...stamp });
    expect(log!.records[0]).toMatchObject({ entityKey: 'a', oldVersionId: a.version.id, newVersionId: null });
    expect((await listPublishedStates(handle.db, pkg.id))[0]!.version).toBeNull();
  });

  it('ignores entities created and deleted without ever being published', async () => {
    const pkg = await buildPackage();
    const a = await buildEntity(pkg.id, 'a');
    await deleteFromDraft(handle.db, a.entity.id);
    expect(await listUnpublishedChanges(handle.db, pkg.id)).toEqual([]);
    expect(await listDraftStates(handle.db, pkg.id)).toEqual([{ entity: a.entity, version: null }]);
  });

  it('resets drafts to the published versions and drops what was never published', async () => {
    const pkg = await buildPackage();
    const a = await buildEntity(pkg.id, 'a', { n: 1 });
    const b = await buildEntity(pkg.id, 'b');
    await publishDrafts(handle.db, { packageId: pkg.id, message: 'one', ...stamp });
    await createNextVersion(handle.db, { entityId: a.entity.id, data: { n: 2 }, ...stamp });
    await deleteFromDraft(handle.db, b.entity.id);
    const c = await buildEntity(pkg.id, 'c');
    expect(await resetDraftsToPublished(handle.db, pkg.id)).toBe(3);
    const drafts = Object.fromEntries((await listDraftStates(handle.db, pkg.id)).map((s) => [s.entity.key, s.version]));
    expect(drafts.a!.id).toBe(a.version.id);
    expect(drafts.b!.id).toBe(b.version.id);
    expect(drafts.c).toBeNull();
    expect(c.version.versionNum).toBe(1);
    expect(await listUnpublishedChanges(handle.db, pkg.id)).toEqual([]);
  });
});
