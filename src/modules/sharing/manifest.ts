import { z } from 'zod';
import { listBlockMediaIds, type Block, type CourseMetadata } from '../courses/index.ts';

/** The manifest's name inside the archive and the format it declares. */
export const MANIFEST_NAME = 'orbis-course.json';
export const PACKAGE_FORMAT = 'orbis-course-package';
export const PACKAGE_VERSION = 1;

export const PACKAGE_MEDIA_PURPOSES = ['image', 'video', 'captions', 'poster', 'file'] as const;
export type PackageMediaPurpose = (typeof PACKAGE_MEDIA_PURPOSES)[number];

const entityKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1–100 letters, digits, ., _ or -');
const title = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const packageMediaSchema = z.strictObject({
  uuid: z.uuid(),
  path: z.string().min(1).max(400),
  filename: z.string().trim().min(1).max(200),
  purpose: z.enum(PACKAGE_MEDIA_PURPOSES),
  contentType: z.string().min(1).max(200),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256'),
});

/*
 * Metadata and blocks are checked in a second pass with the courses module's own schemas, so
 * their problems carry precise paths and unknown block types are named.
 */
export const manifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(PACKAGE_VERSION),
  exportedAt: z.iso.datetime(),
  source: z.strictObject({
    courseKey: z.string().max(100),
    courseUuid: z.uuid(),
    side: z.enum(['draft', 'release']),
    releaseNumber: z.number().int().positive().nullable(),
    owners: z.array(z.strictObject({ institution: z.string().max(100), role: z.enum(['lead', 'partner']) })).max(50),
  }),
  metadata: z.unknown(),
  sections: z
    .array(
      z.strictObject({
        key: entityKey,
        title,
        units: z
          .array(
            z.strictObject({
              key: entityKey,
              title,
              blocks: z.array(z.strictObject({ key: entityKey, content: z.unknown() })).max(500),
            }),
          )
          .max(500),
      }),
    )
    .max(500),
  media: z.array(packageMediaSchema).max(2000),
});

export type RawManifest = z.infer<typeof manifestSchema>;
export type PackageMedia = z.infer<typeof packageMediaSchema>;
export type PackageBlock = { key: string; content: Block };
export type PackageUnit = { key: string; title: string; blocks: PackageBlock[] };
export type PackageSection = { key: string; title: string; units: PackageUnit[] };

/** The manifest once every part of it has been checked. */
export type Manifest = Omit<RawManifest, 'metadata' | 'sections'> & {
  metadata: CourseMetadata;
  sections: PackageSection[];
};

export function listMetadataMediaIds(metadata: CourseMetadata): string[] {
  return [
    ...(metadata.imageMediaId ? [metadata.imageMediaId] : []),
    ...(metadata.trailer?.kind === 'upload' ? [metadata.trailer.mediaId] : []),
  ];
}

/** Every media id the course description and the tree refer to, each once, in reading order. */
export function listReferencedMediaIds(metadata: CourseMetadata, sections: readonly PackageSection[]): string[] {
  const blocks = sections.flatMap((section) => section.units.flatMap((unit) => unit.blocks));
  return [
    ...new Set([...listMetadataMediaIds(metadata), ...blocks.flatMap((block) => listBlockMediaIds(block.content))]),
  ];
}

const swap = (map: ReadonlyMap<string, string>, id: string): string => map.get(id) ?? id;

export function remapMetadataMedia(metadata: CourseMetadata, map: ReadonlyMap<string, string>): CourseMetadata {
  return {
    ...metadata,
    imageMediaId: metadata.imageMediaId ? swap(map, metadata.imageMediaId) : null,
    trailer:
      metadata.trailer?.kind === 'upload'
        ? { kind: 'upload', mediaId: swap(map, metadata.trailer.mediaId) }
        : metadata.trailer,
  };
}

export function remapBlockMedia(block: Block, map: ReadonlyMap<string, string>): Block {
  switch (block.type) {
    case 'video':
      return {
        ...block,
        source:
          block.source.kind === 'upload' ? { kind: 'upload', mediaId: swap(map, block.source.mediaId) } : block.source,
        captions: block.captions.map((caption) => ({ ...caption, mediaId: swap(map, caption.mediaId) })),
        posterMediaId: block.posterMediaId ? swap(map, block.posterMediaId) : null,
      };
    case 'file':
      return { ...block, mediaId: swap(map, block.mediaId) };
    default:
      return block;
  }
}

/** JSON with object keys sorted, so equal content compares equal whatever order it was built in. */
export function toStableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
