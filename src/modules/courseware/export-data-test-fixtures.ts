import type { Database } from '../../platform/db/index.ts';
import { cwrCompletion, cwrPosition, cwrVideoProgress } from './schema.ts';

/* Courseware rows for data export tests, written straight into the tables. */

type Target = { enrollmentId: number; entityId: number; versionId?: number };

export async function insertExportCompletion(
  db: Database,
  target: Target & { kind?: 'viewed' | 'watched' | 'marked' | 'submitted'; at: Date },
): Promise<void> {
  await db.insert(cwrCompletion).values({
    enrollmentId: target.enrollmentId,
    blockEntityId: target.entityId,
    versionId: target.versionId ?? 1,
    kind: target.kind ?? 'viewed',
    completedAt: target.at,
  });
}

export async function insertExportVideoProgress(
  db: Database,
  target: Target & { ranges: Array<[number, number]>; durationSeconds: number; positionSeconds: number; at: Date },
): Promise<void> {
  await db.insert(cwrVideoProgress).values({
    enrollmentId: target.enrollmentId,
    blockEntityId: target.entityId,
    ranges: target.ranges,
    durationSeconds: target.durationSeconds,
    positionSeconds: target.positionSeconds,
    updatedAt: target.at,
  });
}

export async function insertExportPosition(db: Database, target: Target & { at: Date }): Promise<void> {
  await db.insert(cwrPosition).values({
    enrollmentId: target.enrollmentId,
    unitEntityId: target.entityId,
    visitedAt: target.at,
  });
}
