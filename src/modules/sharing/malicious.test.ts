import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { CORPUS_MAX_BYTES, buildMaliciousCorpus, buildValidArchive } from '../../../test/fixtures/packages/corpus.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { isDomainError } from '../../platform/errors/index.ts';
import type { ObjectStorage } from '../../platform/storage/index.ts';
import { getCourseByKey, getDraftTree, listMedia, listMyCourses } from '../courses/index.ts';
import { createCourseTestHelpers, type CourseCast, type CourseTestHelpers } from '../courses/test-helpers.ts';
import { buildRawZip } from '../../../test/fixtures/packages/raw-zip.ts';
import { buildManifest } from '../../../test/fixtures/packages/corpus.ts';
import { importCoursePackage, type ImportTarget, type PackageProblem } from './index.ts';
import { countStoredObjects, createTempStorage, fillCourse } from './test-world.ts';

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let cast: CourseCast;
let storage: ObjectStorage;
let storageDir: string;
let removeStorage: () => Promise<void>;
const limits = { maxBytes: CORPUS_MAX_BYTES };

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  cast = await helpers.buildCourseWithTeam();
  ({ storage, dir: storageDir, remove: removeStorage } = await createTempStorage());
  await fillCourse(cast.leadInstructor.ctx, storage, cast.course.key);
});
afterAll(async () => {
  await handle.close();
  await removeStorage();
});

/** What an import could have changed, read through the courses module's public services. */
async function snapshot(newKey: string) {
  const ctx = cast.leadInstructor.ctx;
  return {
    myCourses: (await listMyCourses(ctx)).length,
    newCourse: await getCourseByKey(handle.db, newKey),
    draft: JSON.stringify(await getDraftTree(ctx, cast.course.key)),
    media: (await listMedia(ctx, cast.course.key)).length,
    objects: await countStoredObjects(storageDir),
  };
}

async function rejectionOf(bytes: Uint8Array, target: ImportTarget): Promise<PackageProblem[]> {
  try {
    await importCoursePackage(cast.leadInstructor.ctx, storage, bytes, target, limits);
  } catch (error) {
    if (isDomainError(error) && error.code === 'package.invalid') return error.details.problems as PackageProblem[];
    throw error;
  }
  throw new Error('the package was imported');
}

describe('the malicious corpus', () => {
  const corpus = buildMaliciousCorpus();

  it('has at least twelve archives', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(12);
  });

  it('accepts the clean archive the variants start from', async () => {
    const key = helpers.nextKey('clean');
    await importCoursePackage(
      cast.leadInstructor.ctx,
      storage,
      buildValidArchive(),
      {
        mode: 'new-course',
        key,
        leadInstitutionId: cast.lead.id,
      },
      limits,
    );
    expect(await getCourseByKey(handle.db, key)).not.toBeNull();
  });

  for (const archive of corpus) {
    for (const mode of ['new-course', 'new-draft'] as const) {
      it(`refuses ${archive.name} as a ${mode}, naming ${archive.code} and writing nothing`, async () => {
        const key = helpers.nextKey('evil');
        const target: ImportTarget =
          mode === 'new-course' ? { mode, key, leadInstitutionId: cast.lead.id } : { mode, courseKey: cast.course.key };
        const before = await snapshot(key);
        const problems = await rejectionOf(archive.bytes, target);
        expect(problems.map((problem) => problem.code)).toContain(archive.code);
        expect(await snapshot(key)).toEqual(before);
      });
    }
  }

  it('lists every problem of an archive at once', async () => {
    const bytes = buildRawZip([
      { name: '../up.txt', data: Buffer.from('x') },
      { name: '/abs.txt', data: Buffer.from('x') },
      { name: 'C:\\win.txt', data: Buffer.from('x') },
    ]);
    const codes = (await rejectionOf(bytes, { mode: 'new-draft', courseKey: cast.course.key })).map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'entry.parent_path',
        'entry.absolute_path',
        'entry.drive_letter',
        'entry.backslash',
        'manifest.missing',
      ]),
    );
  });

  it('undoes everything when a write fails after the checks passed, stored media included', async () => {
    const manifest = buildManifest();
    const pdf = manifest.media[0]!;
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const imageId = '0b5b2a52-8f5e-4f0e-9d43-0f7f6a3c1d11';
    const { createHash } = await import('node:crypto');
    manifest.metadata = { ...manifest.metadata, imageMediaId: imageId } as typeof manifest.metadata;
    manifest.media.push({
      uuid: imageId,
      path: `media/${imageId}/cover.png`,
      filename: 'cover.png',
      purpose: 'image',
      contentType: 'image/png',
      size: broken.byteLength,
      sha256: createHash('sha256').update(broken).digest('hex'),
    });
    const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const bytes = buildRawZip([
      { name: 'orbis-course.json', data: Buffer.from(JSON.stringify(manifest)) },
      { name: pdf.path, data: pdfBytes, method: 0 },
      { name: `media/${imageId}/cover.png`, data: broken, method: 0 },
    ]);
    for (const target of [
      { mode: 'new-course', key: helpers.nextKey('half'), leadInstitutionId: cast.lead.id },
      { mode: 'new-draft', courseKey: cast.course.key },
    ] as ImportTarget[]) {
      const before = await snapshot(target.mode === 'new-course' ? target.key : 'none');
      await expect(importCoursePackage(cast.leadInstructor.ctx, storage, bytes, target, limits)).rejects.toMatchObject({
        code: 'media.unreadable_image',
      });
      expect(await snapshot(target.mode === 'new-course' ? target.key : 'none')).toEqual(before);
    }
  });
});
