import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { readImageInfo } from '../../platform/images/index.ts';
import { createLocalStorage, type ObjectStorage } from '../../platform/storage/index.ts';
import { getMediaForDownload, listMedia, updateCourseMetadata, uploadMedia, type MediaAsset } from './index.ts';
import { addBlockForTest, publishForTest } from './team-test-fixtures.ts';
import { createCourseTestHelpers, type CourseCast, type CourseTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let cast: CourseCast;
let storageDir: string;
let storage: ObjectStorage;
let pdf: MediaAsset;
let image: MediaAsset;
let draftOnly: MediaAsset;

const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

async function readStored(key: string): Promise<Buffer> {
  const body = await storage.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of body.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  cast = await helpers.buildCourseWithTeam();
  storageDir = await mkdtemp(path.join(tmpdir(), 'orbis-media-'));
  storage = createLocalStorage(storageDir);
});
afterAll(async () => {
  await handle.close();
  await rm(storageDir, { recursive: true, force: true });
});

describe('uploadMedia', () => {
  it('stores a document under the course and media ids, with its size and checksum', async () => {
    pdf = await uploadMedia(cast.author.ctx, storage, cast.course.key, {
      purpose: 'file',
      filename: '../../Lecture notes (week 1).pdf',
      bytes: pdfBytes,
    });
    expect(pdf).toMatchObject({
      purpose: 'file',
      contentType: 'application/pdf',
      filename: 'Lecture notes (week 1).pdf',
      byteSize: pdfBytes.byteLength,
      sha256: createHash('sha256').update(pdfBytes).digest('hex'),
      storageKey: `courses/${cast.course.uuid}/${pdf.uuid}/Lecture-notes-week-1.pdf`,
    });
    expect(await readStored(pdf.storageKey)).toEqual(Buffer.from(pdfBytes));
  });

  it('keeps images only as WebP at most 1280 px wide', async () => {
    const png = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
    image = await uploadMedia(cast.leadInstructor.ctx, storage, cast.course.key, {
      purpose: 'image',
      filename: '气候.png',
      bytes: png,
    });
    expect(image).toMatchObject({ contentType: 'image/webp', filename: '气候.webp' });
    expect(image.storageKey).toMatch(/\/file\.webp$/);
    const stored = await readStored(image.storageKey);
    expect(await readImageInfo(stored)).toEqual({ width: 1280, height: 640, format: 'webp' });
    expect(image.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
  });

  it('refuses a PDF named .png, naming the detected and the allowed types', async () => {
    const error = await uploadMedia(cast.author.ctx, storage, cast.course.key, {
      purpose: 'image',
      filename: 'photo.png',
      bytes: pdfBytes,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: 'invalid',
      code: 'media.type_not_allowed',
      message: expect.stringMatching(/application\/pdf.*image\/png, image\/jpeg/),
    });
    await expect(
      uploadMedia(cast.author.ctx, storage, cast.course.key, {
        purpose: 'captions',
        filename: 'subs.vtt',
        bytes: new TextEncoder().encode('just text'),
      }),
    ).rejects.toMatchObject({
      code: 'media.type_not_allowed',
      message: expect.stringMatching(/text\/plain.*text\/vtt/),
    });
  });

  it('refuses empty and oversized files and unknown purposes', async () => {
    const upload = { purpose: 'file' as const, filename: 'a.pdf', bytes: pdfBytes };
    await expect(
      uploadMedia(cast.author.ctx, storage, cast.course.key, upload, { maxBytes: 10 }),
    ).rejects.toMatchObject({ kind: 'invalid', code: 'media.too_large' });
    await expect(
      uploadMedia(cast.author.ctx, storage, cast.course.key, { ...upload, bytes: new Uint8Array() }),
    ).rejects.toMatchObject({ kind: 'invalid', code: 'media.empty' });
    await expect(
      uploadMedia(cast.author.ctx, storage, cast.course.key, { ...upload, purpose: 'virus' as 'file' }),
    ).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('lets only people who edit content upload', async () => {
    const upload = { purpose: 'file' as const, filename: 'a.pdf', bytes: pdfBytes };
    for (const person of [cast.teachingAssistant, cast.ownerAdmin, cast.partnerAdmin]) {
      await expect(uploadMedia(person.ctx, storage, cast.course.key, upload)).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    for (const ctx of [cast.otherAdmin.ctx, cast.learner.ctx, cast.anonymous]) {
      await expect(uploadMedia(ctx, storage, cast.course.key, upload)).rejects.toMatchObject({ kind: 'not_found' });
    }
    draftOnly = await uploadMedia(cast.instructor.ctx, storage, cast.course.key, upload);
  });
});

describe('listMedia', () => {
  it('lists the files, newest first, to everyone who sees the draft', async () => {
    for (const person of [cast.teachingAssistant, cast.ownerAdmin, cast.partnerAdmin]) {
      const uuids = (await listMedia(person.ctx, cast.course.key)).map((asset) => asset.uuid);
      expect(uuids).toEqual([draftOnly.uuid, image.uuid, pdf.uuid]);
    }
    await expect(listMedia(cast.learner.ctx, cast.course.key)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('getMediaForDownload', () => {
  it('serves unreleased files to the team and owner admins only', async () => {
    for (const person of [cast.leadInstructor, cast.teachingAssistant, cast.ownerAdmin, cast.partnerAdmin]) {
      expect(await getMediaForDownload(person.ctx, pdf.uuid)).toMatchObject({
        asset: { uuid: pdf.uuid },
        isPublic: false,
      });
    }
    for (const ctx of [cast.otherAdmin.ctx, cast.learner.ctx, cast.anonymous]) {
      await expect(getMediaForDownload(ctx, pdf.uuid)).rejects.toMatchObject({ kind: 'not_found' });
    }
  });

  it('serves files a release uses to anyone, and keeps the rest private', async () => {
    await addBlockForTest(
      handle.db,
      cast.course,
      { type: 'file', title: 'Notes', mediaId: pdf.uuid, description: '' },
      helpers.clock.now(),
    );
    await updateCourseMetadata(cast.author.ctx, cast.course.key, {
      title: { en: 'Climate' },
      languages: ['en'],
      imageMediaId: image.uuid,
    });
    await publishForTest(handle.db, cast.course, helpers.clock.now());
    for (const ctx of [cast.otherAdmin.ctx, cast.learner.ctx, cast.anonymous, cast.author.ctx]) {
      expect(await getMediaForDownload(ctx, pdf.uuid)).toMatchObject({ isPublic: true });
      expect(await getMediaForDownload(ctx, image.uuid)).toMatchObject({ isPublic: true });
    }
    await expect(getMediaForDownload(cast.learner.ctx, draftOnly.uuid)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await getMediaForDownload(cast.author.ctx, draftOnly.uuid)).toMatchObject({ isPublic: false });
    await expect(getMediaForDownload(cast.anonymous, 'not-a-uuid')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
