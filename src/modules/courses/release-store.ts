import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { listUserProfiles } from '../identity/index.ts';
import { listPublishLogs } from '../publishing/index.ts';
import type { Release } from './model.ts';
import { crsRelease } from './schema.ts';

export type ReleaseRow = typeof crsRelease.$inferSelect;

export async function selectReleaseRow(executor: Executor, releaseId: number): Promise<ReleaseRow | null> {
  const rows = await executor.select().from(crsRelease).where(eq(crsRelease.id, releaseId));
  return rows[0] ?? null;
}

/** Newest first. */
export async function selectReleaseRows(executor: Executor, courseId: number, limit = 200): Promise<ReleaseRow[]> {
  return executor
    .select()
    .from(crsRelease)
    .where(eq(crsRelease.courseId, courseId))
    .orderBy(desc(crsRelease.number))
    .limit(limit);
}

/** The publish message lives on the publish log entry, which a release points at. */
export async function toReleases(
  executor: Executor,
  packageId: number,
  rows: readonly ReleaseRow[],
): Promise<Release[]> {
  if (rows.length === 0) return [];
  const logs = await listPublishLogs(executor, packageId, Math.max(...rows.map((row) => row.number)) + 10);
  const messages = new Map(logs.map((log) => [log.id, log.message]));
  const publisherIds = [...new Set(rows.map((row) => row.publishedBy).filter((id): id is string => id !== null))];
  const names = new Map((await listUserProfiles(executor, publisherIds)).map((user) => [user.id, user.name]));
  return rows.map((row) => ({
    id: row.id,
    uuid: row.uuid,
    courseId: row.courseId,
    number: row.number,
    message: messages.get(row.publishLogId) ?? '',
    summary: row.summary,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    publishedByName: row.publishedBy ? (names.get(row.publishedBy) ?? null) : null,
  }));
}
