import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors/index.ts';
import type { ObjectStorage } from '../../platform/storage/index.ts';
import {
  getCourseAccess,
  getDraftTree,
  getReleaseTree,
  listMedia,
  listReleases,
  type CourseTree,
  type LoadedCourse,
  type MediaAsset,
} from '../courses/index.ts';
import {
  MANIFEST_NAME,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  listReferencedMediaIds,
  type Manifest,
  type PackageMedia,
  type PackageSection,
} from './manifest.ts';
import { toArchiveFileName, writeArchive } from './zip-write.ts';

export type PackageSide = 'draft' | 'release';
export type CoursePackage = { fileName: string; bytes: Uint8Array; manifest: Manifest };

function toPackageSections(tree: CourseTree): PackageSection[] {
  return tree.sections.map((section) => ({
    key: section.key,
    title: section.title,
    units: section.units.map((unit) => ({
      key: unit.key,
      title: unit.title,
      blocks: unit.blocks.map((block) => ({ key: block.key, content: block.block })),
    })),
  }));
}

async function readSide(
  ctx: ServiceContext,
  course: LoadedCourse,
  side: PackageSide,
): Promise<{ tree: CourseTree; releaseNumber: number | null }> {
  if (side === 'draft') return { tree: await getDraftTree(ctx, course.key), releaseNumber: null };
  if (course.latestReleaseId === null) {
    throw conflict('package.never_published', 'The course has no release to export; export the draft instead.');
  }
  const release = (await listReleases(ctx, course.key)).find((entry) => entry.id === course.latestReleaseId);
  return { tree: await getReleaseTree(ctx.db, course.latestReleaseId), releaseNumber: release?.number ?? null };
}

async function readObject(storage: ObjectStorage, key: string): Promise<Uint8Array> {
  const body = await storage.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of body.stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function describeMedia(asset: MediaAsset): PackageMedia {
  return {
    uuid: asset.uuid,
    path: `media/${asset.uuid}/${toArchiveFileName(asset.filename)}`,
    filename: asset.filename,
    purpose: asset.purpose,
    contentType: asset.contentType,
    size: asset.byteSize,
    sha256: asset.sha256,
  };
}

/**
 * The course's draft or latest release as a zip: `orbis-course.json` first, then every media file
 * the description or the tree refers to, in reading order. Needs the 'export' capability.
 * Errors: not_found (course, or a course the actor may not read), forbidden (no export),
 * conflict 'package.never_published', invalid 'package.missing_media' (a reference to a file
 * the course does not have; details.fields lists each).
 */
export async function exportCoursePackage(
  ctx: ServiceContext,
  storage: ObjectStorage,
  courseKey: string,
  options: { side: PackageSide },
): Promise<CoursePackage> {
  const { course, capabilities } = await getCourseAccess(ctx, courseKey);
  if (!capabilities.has('export')) throw capabilities.has('view_draft') ? forbidden() : notFound('course');
  const { tree, releaseNumber } = await readSide(ctx, course, options.side);
  const sections = toPackageSections(tree);
  const assets = new Map((await listMedia(ctx, course.key)).map((asset) => [asset.uuid, asset]));
  const referenced = listReferencedMediaIds(tree.metadata, sections);
  const missing = referenced.filter((id) => !assets.has(id));
  if (missing.length > 0) {
    const fields = missing.map((id) => ({
      field: `media.${id}`,
      message: 'is referred to but is not a file of the course',
    }));
    throw invalid('package.missing_media', 'Some content refers to files the course does not have.', { fields });
  }
  // Reading order (description first, then the tree) keeps the entry order stable across copies.
  const media = referenced.map((id) => describeMedia(assets.get(id)!));
  const now = ctx.clock.now();
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    exportedAt: now.toISOString(),
    source: {
      courseKey: course.key,
      courseUuid: course.uuid,
      side: options.side,
      releaseNumber,
      owners: course.owners.map((owner) => ({ institution: owner.key, role: owner.role })),
    },
    metadata: tree.metadata,
    sections,
    media,
  };
  const files = [{ name: MANIFEST_NAME, bytes: Buffer.from(JSON.stringify(manifest, null, 2)), compress: true }];
  for (const entry of media) {
    files.push({
      name: entry.path,
      bytes: Buffer.from(await readObject(storage, assets.get(entry.uuid)!.storageKey)),
      compress: false,
    });
  }
  const bytes = writeArchive(files);
  await recordAudit(ctx.db, {
    actorId: ctx.actor?.userId ?? null,
    action: 'course.package_exported',
    objectType: 'course',
    objectId: course.id,
    institutionId: course.leadInstitutionId,
    after: { side: options.side, releaseNumber, media: media.length, bytes: bytes.byteLength },
    at: now,
  });
  const suffix = releaseNumber === null ? options.side : `release-${releaseNumber}`;
  return { fileName: `${course.key}-${suffix}.zip`, bytes, manifest };
}
