import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { DEFAULT_UPLOAD_MAX_BYTES } from '../../platform/config/index.ts';
import { invalid, notFound } from '../../platform/errors/index.ts';
import { ImageFormatError, ImageTooLargeError, isNormalizedImage, resizeImage } from '../../platform/images/index.ts';
import {
  MEDIA_ALLOW_LISTS,
  MEDIA_SNIFF_BYTES,
  detectMediaType,
  type MediaPurpose as StoragePurpose,
  type ObjectStorage,
} from '../../platform/storage/index.ts';
import { readCapabilities, requireCourse, selectCourse } from './core.ts';
import { parseWebVtt } from './webvtt.ts';
import { isMediaReleased } from './media-references.ts';
import { toDisplayFileName, toSafeFileName } from './media-names.ts';
import type { MediaAsset } from './model.ts';
import { crsMedia, MEDIA_PURPOSES } from './schema.ts';
import { actingUserId, auditCourse } from './team-shared.ts';

/** Course images and video posters are shown at most this wide; larger uploads are scaled down. */
export const MEDIA_IMAGE_WIDTH = 1280;

export type MediaUpload = { purpose: MediaAsset['purpose']; filename: string; bytes: Uint8Array };

const purposeSchema = z.enum(MEDIA_PURPOSES);

/** Posters are images; every other course purpose has an allow-list of its own. */
function storagePurposeOf(purpose: MediaAsset['purpose']): StoragePurpose {
  return purpose === 'poster' ? 'image' : purpose;
}

function toAsset(row: typeof crsMedia.$inferSelect): MediaAsset {
  const { createdBy: _createdBy, ...asset } = row;
  return asset;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}

/** Captions must be WebVTT with at least one cue: learners read them, and transcripts come from them. */
function checkCaptions(bytes: Uint8Array): void {
  const cues = parseWebVtt(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  if (!cues || cues.length === 0) {
    throw invalid('media.invalid_captions', 'Captions must be a WebVTT file with at least one timed cue.');
  }
}

/** Checks size and real type; images come back scaled down and re-encoded as WebP. */
async function prepareUpload(upload: MediaUpload, maxBytes: number) {
  const size = upload.bytes.byteLength;
  if (size === 0) throw invalid('media.empty', 'The file is empty.');
  if (size > maxBytes) {
    throw invalid(
      'media.too_large',
      `The file is ${formatBytes(size)}; files may be at most ${formatBytes(maxBytes)}.`,
    );
  }
  const allowed = MEDIA_ALLOW_LISTS[storagePurposeOf(upload.purpose)];
  const detected = detectMediaType(upload.bytes.subarray(0, MEDIA_SNIFF_BYTES), upload.filename);
  if (!detected || !allowed.includes(detected.mime)) {
    const seen = detected ? `is ${detected.mime}` : 'is of a type we do not recognise';
    throw invalid(
      'media.type_not_allowed',
      `The file ${seen}; a ${upload.purpose} must be one of: ${allowed.join(', ')}.`,
      { detected: detected?.mime ?? null, allowed: [...allowed] },
    );
  }
  if (upload.purpose === 'captions') checkCaptions(upload.bytes);
  if (upload.purpose !== 'image' && upload.purpose !== 'poster') {
    return { bytes: upload.bytes, mime: detected.mime, extension: detected.extension };
  }
  if (await isNormalizedImage(upload.bytes, { maxWidth: MEDIA_IMAGE_WIDTH, format: 'webp' })) {
    return { bytes: upload.bytes, mime: 'image/webp', extension: 'webp' };
  }
  try {
    const bytes = await resizeImage(upload.bytes, { width: MEDIA_IMAGE_WIDTH, format: 'webp' });
    return { bytes, mime: 'image/webp', extension: 'webp' };
  } catch (error) {
    if (error instanceof ImageFormatError || error instanceof ImageTooLargeError) {
      throw invalid('media.unreadable_image', error.message);
    }
    throw error;
  }
}

/**
 * Stores a file of a course: checked by content against the purpose's allow-list, never by its
 * name; images are kept only as a WebP at most 1280 px wide. Errors: not_found, forbidden,
 * invalid 'media.empty', 'media.too_large', 'media.type_not_allowed', 'media.unreadable_image'.
 */
export async function uploadMedia(
  ctx: ServiceContext,
  storage: ObjectStorage,
  courseKey: string,
  upload: MediaUpload,
  options: { maxBytes?: number } = {},
): Promise<MediaAsset> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'edit_content');
  const purpose = purposeSchema.safeParse(upload.purpose);
  if (!purpose.success) {
    throw invalid('media.invalid', `purpose: must be one of ${MEDIA_PURPOSES.join(', ')}`);
  }
  const prepared = await prepareUpload(upload, options.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES);
  const uuid = randomUUID();
  const storageKey = `courses/${course.uuid}/${uuid}/${toSafeFileName(upload.filename, prepared.extension)}`;
  const stored = await storage.put(storageKey, prepared.bytes, { contentType: prepared.mime });
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(crsMedia)
        .values({
          uuid,
          courseId: course.id,
          purpose: purpose.data,
          storageKey,
          filename: toDisplayFileName(upload.filename, prepared.extension),
          contentType: prepared.mime,
          byteSize: stored.size,
          sha256: stored.sha256,
          createdAt: now,
          createdBy: actingUserId(ctx),
        })
        .returning();
      await auditCourse(tx, ctx, course, {
        action: 'course.media_uploaded',
        objectType: 'course_media',
        objectId: uuid,
        after: { purpose: purpose.data, contentType: prepared.mime, byteSize: stored.size },
        at: now,
      });
      return toAsset(row!);
    });
  } catch (error) {
    // The row is the only way to reach the bytes: without it they are garbage.
    await storage.delete(storageKey).catch(() => undefined);
    throw error;
  }
}

/** The course's files, newest first. Errors: not_found, forbidden. */
export async function listMedia(ctx: ServiceContext, courseKey: string): Promise<MediaAsset[]> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'view_draft');
  const rows = await ctx.db
    .select()
    .from(crsMedia)
    .where(eq(crsMedia.courseId, course.id))
    .orderBy(desc(crsMedia.createdAt), desc(crsMedia.id));
  return rows.map(toAsset);
}

/**
 * A file the actor may download. The team and admins of the owners always may; anyone may once
 * a release uses it (then it is public and may be cached). Everything else is not found, so
 * unreleased uploads stay private. Errors: not_found.
 */
export async function getMediaForDownload(
  ctx: ServiceContext,
  mediaUuid: string,
): Promise<{ asset: MediaAsset; isPublic: boolean }> {
  if (!z.uuid().safeParse(mediaUuid).success) throw notFound('media');
  const [row] = await ctx.db.select().from(crsMedia).where(eq(crsMedia.uuid, mediaUuid));
  if (!row) throw notFound('media');
  const course = await selectCourse(ctx.db, { id: row.courseId });
  if (!course) throw notFound('media');
  const isPublic = course.latestReleaseId !== null && (await isMediaReleased(ctx.db, course.id, mediaUuid));
  if (isPublic) return { asset: toAsset(row), isPublic };
  const capabilities = await readCapabilities(ctx, course);
  if (!capabilities.has('view_draft')) throw notFound('media');
  return { asset: toAsset(row), isPublic };
}
