import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { DEFAULT_UPLOAD_MAX_BYTES } from '../../platform/config/index.ts';
import { conflict, forbidden, invalid, notFound, unauthenticated } from '../../platform/errors/index.ts';
import type { ObjectStorage } from '../../platform/storage/index.ts';
import {
  addBlock,
  addSection,
  addUnit,
  canCreateCourseFor,
  courseKeySchema,
  createCourse,
  getCourseAccess,
  getCourseByKey,
  getDraftMetadata,
  listMedia,
  updateCourseMetadata,
  uploadMedia,
  type CourseMetadata,
  type LoadedCourse,
} from '../courses/index.ts';
import { replaceDraftTree } from './import-draft.ts';
import { remapBlockMedia, remapMetadataMedia, toStableJson, type Manifest, type PackageSection } from './manifest.ts';
import { validatePackage, type ValidPackage } from './validate.ts';
import type { ZipLimits } from './zip-read.ts';

export const PACKAGE_MAX_ENTRIES = 2000;
export const PACKAGE_MAX_RATIO = 200;

export const importTargetSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('new-course'),
    key: courseKeySchema,
    leadInstitutionId: z.number().int().positive(),
  }),
  z.strictObject({ mode: z.literal('new-draft'), courseKey: courseKeySchema }),
]);
export type ImportTarget = z.infer<typeof importTargetSchema>;
export type ImportResult = {
  courseKey: string;
  mode: ImportTarget['mode'];
  media: number;
  created: number;
  changed: number;
  deleted: number;
};

type Writer = { ctx: ServiceContext; storage: ObjectStorage; maxBytes: number; storedKeys: string[] };

function parseTarget(input: ImportTarget): ImportTarget {
  const parsed = importTargetSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'mode',
    message: issue.message,
  }));
  throw invalid('package.invalid_target', fields.map((field) => `${field.field}: ${field.message}`).join('; '), {
    fields,
  });
}

/** Access comes first, before a byte of the package is read. */
async function checkAccess(ctx: ServiceContext, target: ImportTarget): Promise<void> {
  if (!ctx.actor) throw unauthenticated();
  if (target.mode === 'new-course') {
    if (!canCreateCourseFor(ctx.actor, target.leadInstitutionId)) throw forbidden();
    if (await getCourseByKey(ctx.db, target.key)) {
      throw conflict('course.key_taken', `The course key "${target.key}" is already taken.`);
    }
    return;
  }
  const { capabilities } = await getCourseAccess(ctx, target.courseKey);
  if (!capabilities.has('edit_content')) throw capabilities.has('view_draft') ? forbidden() : notFound('course');
}

/**
 * Stores the package's media in the course and answers old id → new id. With `reuse`, a file the
 * course already holds under the same id and checksum is kept as it is.
 */
async function storeMedia(
  writer: Writer,
  courseKey: string,
  pkg: ValidPackage,
  reuse: boolean,
): Promise<Map<string, string>> {
  const existing = reuse
    ? new Map((await listMedia(writer.ctx, courseKey)).map((asset) => [asset.uuid, asset]))
    : new Map();
  const ids = new Map<string, string>();
  for (const { entry, bytes } of pkg.media.values()) {
    if (existing.get(entry.uuid)?.sha256 === entry.sha256) {
      ids.set(entry.uuid, entry.uuid);
      continue;
    }
    const asset = await uploadMedia(
      writer.ctx,
      writer.storage,
      courseKey,
      { purpose: entry.purpose, filename: entry.filename, bytes },
      { maxBytes: writer.maxBytes },
    );
    writer.storedKeys.push(asset.storageKey);
    ids.set(entry.uuid, asset.uuid);
  }
  return ids;
}

function remapSections(sections: readonly PackageSection[], ids: ReadonlyMap<string, string>): PackageSection[] {
  return sections.map((section) => ({
    ...section,
    units: section.units.map((unit) => ({
      ...unit,
      blocks: unit.blocks.map((block) => ({ key: block.key, content: remapBlockMedia(block.content, ids) })),
    })),
  }));
}

/** The description without its uploads, for the moment the course exists but its media not yet. */
function withoutUploads(metadata: CourseMetadata): CourseMetadata {
  return { ...metadata, imageMediaId: null, trailer: metadata.trailer?.kind === 'upload' ? null : metadata.trailer };
}

async function writeNewCourse(writer: Writer, target: { key: string; leadInstitutionId: number }, pkg: ValidPackage) {
  const { ctx } = writer;
  const { manifest } = pkg;
  await createCourse(ctx, {
    key: target.key,
    leadInstitutionId: target.leadInstitutionId,
    metadata: withoutUploads(manifest.metadata),
  });
  const ids = await storeMedia(writer, target.key, pkg, false);
  const metadata = remapMetadataMedia(manifest.metadata, ids);
  if (toStableJson(metadata) !== toStableJson(withoutUploads(manifest.metadata)))
    await updateCourseMetadata(ctx, target.key, metadata);
  let created = 0;
  for (const section of remapSections(manifest.sections, ids)) {
    // A new course is a copy: it keeps the package's keys, so links to sections and blocks carry over.
    const { key: sectionKey } = await addSection(ctx, target.key, { title: section.title, key: section.key });
    created += 1;
    for (const unit of section.units) {
      const { key: unitKey } = await addUnit(ctx, target.key, sectionKey, { title: unit.title, key: unit.key });
      created += 1;
      for (const block of unit.blocks) await addBlock(ctx, target.key, unitKey, block.content, undefined, block.key);
      created += unit.blocks.length;
    }
  }
  return { media: ids.size, created, changed: 0, deleted: 0 };
}

async function writeNewDraft(writer: Writer, courseKey: string, pkg: ValidPackage) {
  const { ctx } = writer;
  const ids = await storeMedia(writer, courseKey, pkg, true);
  const metadata = remapMetadataMedia(pkg.manifest.metadata, ids);
  const metadataChanged = toStableJson(await getDraftMetadata(ctx, courseKey)) !== toStableJson(metadata);
  if (metadataChanged) await updateCourseMetadata(ctx, courseKey, metadata);
  const changes = await replaceDraftTree(ctx, courseKey, remapSections(pkg.manifest.sections, ids));
  return { media: ids.size, ...changes, changed: changes.changed + (metadataChanged ? 1 : 0) };
}

async function auditImport(ctx: ServiceContext, course: LoadedCourse, manifest: Manifest, result: ImportResult) {
  await recordAudit(ctx.db, {
    actorId: ctx.actor?.userId ?? null,
    action: 'course.package_imported',
    objectType: 'course',
    objectId: course.id,
    institutionId: course.leadInstitutionId,
    after: { ...result, source: manifest.source },
    at: ctx.clock.now(),
  });
}

/**
 * Imports a package as a new course (the actor becomes its lead instructor) or as the next draft
 * of an existing one (needs edit_content). The whole package is checked before anything is
 * written; then every write runs in one transaction (the content services join it as savepoints)
 * and stored media are removed again if it fails. Errors: unauthenticated, forbidden, not_found
 * (course), conflict 'course.key_taken', invalid 'package.invalid_target', invalid
 * 'package.invalid' (details.problems and details.fields list every problem found).
 */
export async function importCoursePackage(
  ctx: ServiceContext,
  storage: ObjectStorage,
  bytes: Uint8Array,
  input: ImportTarget,
  limits: Partial<ZipLimits> = {},
): Promise<ImportResult> {
  const target = parseTarget(input);
  await checkAccess(ctx, target);
  const maxBytes = limits.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  const pkg = validatePackage(bytes, {
    maxBytes,
    maxEntries: limits.maxEntries ?? PACKAGE_MAX_ENTRIES,
    maxRatio: limits.maxRatio ?? PACKAGE_MAX_RATIO,
  });
  const courseKey = target.mode === 'new-course' ? target.key : target.courseKey;
  const storedKeys: string[] = [];
  try {
    return await ctx.db.transaction(async (tx) => {
      const writer: Writer = { ctx: { ...ctx, db: tx }, storage, maxBytes, storedKeys };
      const counts =
        target.mode === 'new-course'
          ? await writeNewCourse(writer, target, pkg)
          : await writeNewDraft(writer, courseKey, pkg);
      const result: ImportResult = { courseKey, mode: target.mode, ...counts };
      const course = await getCourseByKey(tx, courseKey);
      if (!course) throw notFound('course');
      await auditImport(writer.ctx, course, pkg.manifest, result);
      return result;
    });
  } catch (error) {
    // Rows went with the transaction; the bytes stored meanwhile have no row pointing at them.
    await Promise.all(storedKeys.map((key) => storage.delete(key).catch(() => undefined)));
    throw error;
  }
}
