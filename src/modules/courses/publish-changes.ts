import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { getVersionsByIds, type EntityState, type Version } from '../publishing/index.ts';
import type { LoadedCourse } from './core.ts';
import { listBlockMediaIds, blockSchema, type EntityKind, type ReleaseSummary } from './model.ts';
import { selectReleaseRow } from './release-store.ts';
import { crsMedia } from './schema.ts';
import { collectManifest, readRoot, toLookup, type EntityLookup } from './tree-assemble.ts';

const SUMMARY_BLOCK_LIMIT = 50;

/** What the draft would release: the manifest to pin and how it differs from the latest release. */
export type PendingRelease = {
  lookup: EntityLookup;
  manifest: Record<string, number>;
  summary: ReleaseSummary;
  hasChanges: boolean;
};

function blockTitle(version: Version | undefined): string {
  const data = version?.data;
  if (data && typeof data === 'object' && 'title' in data && typeof data.title === 'string') return data.title;
  return '';
}

function count(bucket: Partial<Record<EntityKind, number>>, kind: string): void {
  const known = kind as EntityKind;
  bucket[known] = (bucket[known] ?? 0) + 1;
}

/**
 * Compares the draft with the latest release by content hash, so a change that was undone
 * (a block added, then deleted) does not count as a change.
 */
export async function computePendingRelease(
  executor: Executor,
  course: LoadedCourse,
  states: readonly EntityState[],
): Promise<PendingRelease> {
  const lookup = toLookup(states);
  const manifest = collectManifest(lookup, course.rootEntityId);
  const previous = course.latestReleaseId === null ? null : await selectReleaseRow(executor, course.latestReleaseId);
  const oldManifest = previous?.manifest ?? {};
  const oldVersions = new Map(
    (await getVersionsByIds(executor, Object.values(oldManifest))).map((v) => [v.entityId, v]),
  );
  const kinds = new Map(states.map((state) => [state.entity.id, state.entity]));
  const summary: ReleaseSummary = { added: {}, changed: {}, removed: {}, blocks: [] };
  const noteBlock = (entityId: number, version: Version | undefined, change: 'added' | 'changed' | 'removed') => {
    const entity = kinds.get(entityId);
    if (entity?.kind !== 'block' || summary.blocks.length >= SUMMARY_BLOCK_LIMIT) return;
    summary.blocks.push({ key: entity.key, title: blockTitle(version), change });
  };
  for (const id of Object.keys(manifest)) {
    const entityId = Number(id);
    const pinned = lookup.get(entityId)!;
    const before = oldVersions.get(entityId);
    if (!(id in oldManifest)) {
      count(summary.added, pinned.entity.kind);
      noteBlock(entityId, pinned.version, 'added');
    } else if (before?.contentHash !== pinned.version.contentHash) {
      count(summary.changed, pinned.entity.kind);
      noteBlock(entityId, pinned.version, 'changed');
    }
  }
  for (const id of Object.keys(oldManifest)) {
    if (id in manifest) continue;
    const entityId = Number(id);
    count(summary.removed, kinds.get(entityId)?.kind ?? 'block');
    noteBlock(entityId, oldVersions.get(entityId), 'removed');
  }
  const hasChanges = [summary.added, summary.changed, summary.removed].some((bucket) => Object.keys(bucket).length > 0);
  return { lookup, manifest, summary, hasChanges };
}

export type MediaProblem = { key: string; mediaId: string; message: string };

/** Media the release would show that is not a file of this course (deleted, or from another course). */
export async function findMissingMedia(
  executor: Executor,
  course: LoadedCourse,
  pending: PendingRelease,
): Promise<MediaProblem[]> {
  const references: { key: string; mediaId: string }[] = [];
  for (const id of Object.keys(pending.manifest)) {
    const pinned = pending.lookup.get(Number(id))!;
    if (pinned.entity.kind === 'course') {
      const { imageMediaId, trailer } = readRoot(pinned).metadata;
      if (imageMediaId) references.push({ key: 'metadata', mediaId: imageMediaId });
      if (trailer?.kind === 'upload') references.push({ key: 'metadata', mediaId: trailer.mediaId });
    }
    if (pinned.entity.kind !== 'block') continue;
    const block = blockSchema.parse(pinned.version.data);
    for (const mediaId of listBlockMediaIds(block)) references.push({ key: pinned.entity.key, mediaId });
  }
  if (references.length === 0) return [];
  const ids = [...new Set(references.map((reference) => reference.mediaId))];
  const found = await executor
    .select({ uuid: crsMedia.uuid })
    .from(crsMedia)
    .where(and(eq(crsMedia.courseId, course.id), inArray(crsMedia.uuid, ids)));
  const present = new Set(found.map((row) => row.uuid));
  return references
    .filter((reference) => !present.has(reference.mediaId))
    .map((reference) => ({
      ...reference,
      message: `refers to media ${reference.mediaId}, which this course does not have`,
    }));
}
