import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { hashContent } from './hash.ts';
import {
  pubDraft,
  pubEntity,
  pubPackage,
  pubPublished,
  pubPublishLog,
  pubPublishLogRecord,
  pubVersion,
} from './schema.ts';
import type { Entity, EntityState, Package, PublishLog, PublishLogRecord, Version } from './types.ts';

/*
 * These functions hold no access rules: they are the storage model under a content module
 * (courses), which checks who may act before calling them inside its own transaction.
 */

type Stamp = { by: string | null; at: Date };

function toEntity(row: typeof pubEntity.$inferSelect): Entity {
  return { id: row.id, uuid: row.uuid, packageId: row.packageId, key: row.key, kind: row.kind };
}

function toVersion(row: typeof pubVersion.$inferSelect): Version {
  return {
    id: row.id,
    uuid: row.uuid,
    entityId: row.entityId,
    versionNum: row.versionNum,
    data: row.data,
    contentHash: row.contentHash,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

export async function createPackage(tx: Executor, key: string, at: Date): Promise<Package> {
  const [row] = await tx.insert(pubPackage).values({ key, createdAt: at }).returning();
  return { id: row!.id, uuid: row!.uuid, key: row!.key };
}

export async function createEntity(
  tx: Executor,
  input: { packageId: number; key: string; kind: string; uuid?: string } & Stamp,
): Promise<Entity> {
  const [row] = await tx
    .insert(pubEntity)
    .values({
      packageId: input.packageId,
      key: input.key,
      kind: input.kind,
      ...(input.uuid ? { uuid: input.uuid } : {}),
      createdAt: input.at,
      createdBy: input.by,
    })
    .returning();
  return toEntity(row!);
}

/**
 * Writes the next version of an entity and points the draft at it. When the data equals the
 * current draft, nothing is written and the current draft version is returned.
 */
export async function createNextVersion(
  tx: Executor,
  input: { entityId: number; data: unknown } & Stamp,
): Promise<Version> {
  const contentHash = hashContent(input.data);
  const current = await getDraftVersion(tx, input.entityId);
  if (current && current.contentHash === contentHash) return current;
  const [last] = await tx
    .select({ max: sql<number>`coalesce(max(${pubVersion.versionNum}), 0)`.mapWith(Number) })
    .from(pubVersion)
    .where(eq(pubVersion.entityId, input.entityId));
  const [row] = await tx
    .insert(pubVersion)
    .values({
      entityId: input.entityId,
      versionNum: (last?.max ?? 0) + 1,
      data: input.data,
      contentHash,
      createdAt: input.at,
      createdBy: input.by,
    })
    .returning();
  await setDraft(tx, input.entityId, row!.id);
  return toVersion(row!);
}

async function setDraft(tx: Executor, entityId: number, versionId: number | null): Promise<void> {
  await tx
    .insert(pubDraft)
    .values({ entityId, versionId })
    .onConflictDoUpdate({ target: pubDraft.entityId, set: { versionId } });
}

/** Deletes an entity from the draft; learners keep seeing it until the next publish. */
export async function deleteFromDraft(tx: Executor, entityId: number): Promise<void> {
  await setDraft(tx, entityId, null);
}

export async function getDraftVersion(tx: Executor, entityId: number): Promise<Version | null> {
  const rows = await tx
    .select({ version: pubVersion })
    .from(pubDraft)
    .innerJoin(pubVersion, eq(pubVersion.id, pubDraft.versionId))
    .where(eq(pubDraft.entityId, entityId));
  return rows[0] ? toVersion(rows[0].version) : null;
}

/** Every entity of a package with its draft version (one query; the draft tree is built from it). */
export async function listDraftStates(tx: Executor, packageId: number): Promise<EntityState[]> {
  const rows = await tx
    .select({ entity: pubEntity, version: pubVersion })
    .from(pubEntity)
    .leftJoin(pubDraft, eq(pubDraft.entityId, pubEntity.id))
    .leftJoin(pubVersion, eq(pubVersion.id, pubDraft.versionId))
    .where(eq(pubEntity.packageId, packageId));
  return rows.map((row) => ({ entity: toEntity(row.entity), version: row.version ? toVersion(row.version) : null }));
}

/** Every entity of a package with its published version. */
export async function listPublishedStates(tx: Executor, packageId: number): Promise<EntityState[]> {
  const rows = await tx
    .select({ entity: pubEntity, version: pubVersion })
    .from(pubEntity)
    .leftJoin(pubPublished, eq(pubPublished.entityId, pubEntity.id))
    .leftJoin(pubVersion, eq(pubVersion.id, pubPublished.versionId))
    .where(eq(pubEntity.packageId, packageId));
  return rows.map((row) => ({ entity: toEntity(row.entity), version: row.version ? toVersion(row.version) : null }));
}

export async function getVersionsByIds(tx: Executor, ids: readonly number[]): Promise<Version[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select()
    .from(pubVersion)
    .where(inArray(pubVersion.id, [...ids]));
  return rows.map(toVersion);
}

export async function getEntitiesByIds(tx: Executor, ids: readonly number[]): Promise<Entity[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select()
    .from(pubEntity)
    .where(inArray(pubEntity.id, [...ids]));
  return rows.map(toEntity);
}

/**
 * Publishes every entity of the package whose draft differs from its published version, as one
 * log entry. Returns null when nothing differs (no empty publishes in the history).
 */
export async function publishDrafts(
  tx: Executor,
  input: { packageId: number; message: string } & Stamp,
): Promise<PublishLog | null> {
  const changes = await listUnpublishedChanges(tx, input.packageId);
  if (changes.length === 0) return null;
  const [log] = await tx
    .insert(pubPublishLog)
    .values({ packageId: input.packageId, message: input.message, publishedAt: input.at, publishedBy: input.by })
    .returning();
  const inserted = await tx
    .insert(pubPublishLogRecord)
    .values(
      changes.map((change) => ({
        publishLogId: log!.id,
        entityId: change.entityId,
        oldVersionId: change.oldVersionId,
        newVersionId: change.newVersionId,
      })),
    )
    .returning();
  await tx
    .insert(pubPublished)
    .values(
      inserted.map((record) => ({
        entityId: record.entityId,
        versionId: record.newVersionId,
        publishLogRecordId: record.id,
      })),
    )
    .onConflictDoUpdate({
      target: pubPublished.entityId,
      set: { versionId: sql`excluded.version_id`, publishLogRecordId: sql`excluded.publish_log_record_id` },
    });
  return {
    id: log!.id,
    uuid: log!.uuid,
    packageId: log!.packageId,
    message: log!.message,
    publishedAt: log!.publishedAt,
    publishedBy: log!.publishedBy,
    records: changes,
  };
}

/** Entities whose draft and published versions differ, with both version ids. */
export async function listUnpublishedChanges(tx: Executor, packageId: number): Promise<PublishLogRecord[]> {
  const rows = await tx
    .select({
      entityId: pubEntity.id,
      entityKey: pubEntity.key,
      kind: pubEntity.kind,
      draftVersionId: pubDraft.versionId,
      publishedVersionId: pubPublished.versionId,
    })
    .from(pubEntity)
    .leftJoin(pubDraft, eq(pubDraft.entityId, pubEntity.id))
    .leftJoin(pubPublished, eq(pubPublished.entityId, pubEntity.id))
    .where(
      and(eq(pubEntity.packageId, packageId), sql`${pubDraft.versionId} is distinct from ${pubPublished.versionId}`),
    );
  return rows.map((row) => ({
    entityId: row.entityId,
    entityKey: row.entityKey,
    kind: row.kind,
    oldVersionId: row.publishedVersionId ?? null,
    newVersionId: row.draftVersionId ?? null,
  }));
}

/** Points every draft of the package back at its published version; never-published entities leave the draft. */
export async function resetDraftsToPublished(tx: Executor, packageId: number): Promise<number> {
  const changes = await listUnpublishedChanges(tx, packageId);
  for (const change of changes) await setDraft(tx, change.entityId, change.oldVersionId);
  return changes.length;
}

/** The publish history of a package, newest first, each entry with what it moved. */
export async function listPublishLogs(tx: Executor, packageId: number, limit = 100): Promise<PublishLog[]> {
  const logs = await tx
    .select()
    .from(pubPublishLog)
    .where(eq(pubPublishLog.packageId, packageId))
    .orderBy(desc(pubPublishLog.publishedAt), desc(pubPublishLog.id))
    .limit(limit);
  if (logs.length === 0) return [];
  const records = await tx
    .select({ record: pubPublishLogRecord, entity: pubEntity })
    .from(pubPublishLogRecord)
    .innerJoin(pubEntity, eq(pubEntity.id, pubPublishLogRecord.entityId))
    .where(
      inArray(
        pubPublishLogRecord.publishLogId,
        logs.map((log) => log.id),
      ),
    );
  return logs.map((log) => ({
    id: log.id,
    uuid: log.uuid,
    packageId: log.packageId,
    message: log.message,
    publishedAt: log.publishedAt,
    publishedBy: log.publishedBy,
    records: records
      .filter((row) => row.record.publishLogId === log.id)
      .map((row) => ({
        entityId: row.entity.id,
        entityKey: row.entity.key,
        kind: row.entity.kind,
        oldVersionId: row.record.oldVersionId,
        newVersionId: row.record.newVersionId,
      })),
  }));
}
