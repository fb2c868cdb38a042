import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { getVersionsByIds } from '../publishing/index.ts';
import { blockSchema, listBlockMediaIds, rootDataSchema, type CourseMetadata } from './model.ts';
import { crsRelease } from './schema.ts';

function listMetadataMediaIds(metadata: CourseMetadata): string[] {
  return [
    ...(metadata.imageMediaId ? [metadata.imageMediaId] : []),
    ...(metadata.trailer?.kind === 'upload' ? [metadata.trailer.mediaId] : []),
  ];
}

/** The media a pinned version refers to, whether it is the course root or a block. */
function listVersionMediaIds(data: unknown): string[] {
  const root = rootDataSchema.safeParse(data);
  if (root.success) return listMetadataMediaIds(root.data.metadata);
  const block = blockSchema.safeParse(data);
  return block.success ? listBlockMediaIds(block.data) : [];
}

/**
 * Whether any release of the course uses the media: a block pinned in a release, or the course
 * image or trailer of a released description. Once released a file stays public, since learners
 * of a run on an older release still need it.
 */
export async function isMediaReleased(executor: Executor, courseId: number, mediaUuid: string): Promise<boolean> {
  const releases = await executor
    .select({ manifest: crsRelease.manifest })
    .from(crsRelease)
    .where(eq(crsRelease.courseId, courseId));
  const versionIds = new Set(releases.flatMap((release) => Object.values(release.manifest)));
  if (versionIds.size === 0) return false;
  const versions = await getVersionsByIds(executor, [...versionIds]);
  return versions.some(
    // The text check is a cheap filter: only versions mentioning the id are parsed.
    (version) =>
      JSON.stringify(version.data).includes(mediaUuid) && listVersionMediaIds(version.data).includes(mediaUuid),
  );
}
