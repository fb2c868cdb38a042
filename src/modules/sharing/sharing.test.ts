import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { ObjectStorage } from '../../platform/storage/index.ts';
import {
  BLOCK_TYPES,
  addBlock,
  getDraftTree,
  listMedia,
  publishCourse,
  addSection,
  addUnit,
  deleteSection,
} from '../courses/index.ts';
import { createCourseTestHelpers, type CourseCast, type CourseTestHelpers } from '../courses/test-helpers.ts';
import { exportCoursePackage, importCoursePackage, MANIFEST_NAME } from './index.ts';
import { createTempStorage, fillCourse, normaliseManifest } from './test-world.ts';

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let cast: CourseCast;
let storage: ObjectStorage;
let removeStorage: () => Promise<void>;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  cast = await helpers.buildCourseWithTeam();
  ({ storage, remove: removeStorage } = await createTempStorage());
  await fillCourse(cast.leadInstructor.ctx, storage, cast.course.key);
});
afterAll(async () => {
  await handle.close();
  await removeStorage();
});

describe('exportCoursePackage', () => {
  it('writes the manifest first and then every referenced media file, the same bytes each time', async () => {
    const first = await exportCoursePackage(cast.author.ctx, storage, cast.course.key, { side: 'draft' });
    const second = await exportCoursePackage(cast.author.ctx, storage, cast.course.key, { side: 'draft' });
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    const names = Object.keys(unzipSync(first.bytes));
    expect(names[0]).toBe(MANIFEST_NAME);
    expect(names.slice(1)).toEqual(first.manifest.media.map((entry) => entry.path));
    expect(first.manifest.media.map((entry) => entry.purpose).sort()).toEqual(
      ['captions', 'file', 'image', 'poster', 'video', 'video'].sort(),
    );
    expect(first.manifest.source).toMatchObject({ courseKey: cast.course.key, side: 'draft', releaseNumber: null });
    expect(first.manifest.source.owners.map((owner) => owner.role)).toEqual(['lead', 'partner']);
    expect(first.fileName).toBe(`${cast.course.key}-draft.zip`);
  });

  it('exports the latest release with its number, and refuses a course never published', async () => {
    const { course, leadInstructor } = await helpers.buildCourse();
    await expect(
      exportCoursePackage(leadInstructor.ctx, storage, course.key, { side: 'release' }),
    ).rejects.toMatchObject({
      code: 'package.never_published',
    });
    const section = await addSection(leadInstructor.ctx, course.key, { title: 'Only' });
    const unit = await addUnit(leadInstructor.ctx, course.key, section.key, { title: 'Unit' });
    await addBlock(leadInstructor.ctx, course.key, unit.key, { type: 'text', title: 'Released', body: 'v1' });
    await publishCourse(leadInstructor.ctx, course.key, { message: 'first' });
    await deleteSection(leadInstructor.ctx, course.key, section.key);
    const pkg = await exportCoursePackage(leadInstructor.ctx, storage, course.key, { side: 'release' });
    expect(pkg.manifest.source).toMatchObject({ side: 'release', releaseNumber: 1 });
    expect(pkg.manifest.sections).toHaveLength(1);
    expect(pkg.fileName).toBe(`${course.key}-release-1.zip`);
  });

  it('lets owner admins export, forbids teaching assistants and hides the course from outsiders', async () => {
    await expect(
      exportCoursePackage(cast.ownerAdmin.ctx, storage, cast.course.key, { side: 'draft' }),
    ).resolves.toBeTruthy();
    await expect(
      exportCoursePackage(cast.teachingAssistant.ctx, storage, cast.course.key, { side: 'draft' }),
    ).rejects.toMatchObject({
      kind: 'forbidden',
    });
    for (const person of [cast.otherAdmin, cast.learner]) {
      await expect(exportCoursePackage(person.ctx, storage, cast.course.key, { side: 'draft' })).rejects.toMatchObject({
        kind: 'not_found',
      });
    }
  });
});

describe('importCoursePackage', () => {
  it('round-trips a course with every block type and media: export, import as new, export again', async () => {
    const original = await exportCoursePackage(cast.author.ctx, storage, cast.course.key, { side: 'draft' });
    const key = helpers.nextKey('copy');
    const result = await importCoursePackage(cast.leadInstructor.ctx, storage, original.bytes, {
      mode: 'new-course',
      key,
      leadInstitutionId: cast.lead.id,
    });
    expect(result).toMatchObject({ courseKey: key, mode: 'new-course', media: 6 });
    const copy = await exportCoursePackage(cast.leadInstructor.ctx, storage, key, { side: 'draft' });
    // Only what must differ may differ: export time, course and media ids, and the owners
    // (a copy is led by the importer's institution alone). Keys, content and every byte stay.
    const settle = (manifest: typeof original.manifest) => {
      const normalised = normaliseManifest(manifest, { keepKeys: true }) as { source: object };
      return { ...normalised, source: { ...normalised.source, owners: null } };
    };
    expect(settle(copy.manifest)).toEqual(settle(original.manifest));
    expect(copy.manifest.media.map((entry) => entry.sha256)).toEqual(
      original.manifest.media.map((entry) => entry.sha256),
    );
    const ids = new Set(copy.manifest.media.map((entry) => entry.uuid));
    original.manifest.media.forEach((entry) => expect(ids.has(entry.uuid)).toBe(false));
    const contents = (manifest: typeof original.manifest) =>
      manifest.sections.flatMap((section) =>
        section.units.flatMap((unit) => unit.blocks.map((block) => block.content)),
      );
    expect(new Set(contents(original.manifest).map((content) => content.type))).toEqual(new Set(BLOCK_TYPES));
    expect(contents(copy.manifest).find((content) => content.type === 'discussion')).toEqual({
      type: 'discussion',
      title: 'Data where you live',
      prompt: 'Which **open data** does your city publish?',
    });
  });

  it('replaces a draft: keeps entities by key, creates the new ones and deletes what the package lacks', async () => {
    const { course, leadInstructor } = await helpers.buildCourse();
    const ctx = leadInstructor.ctx;
    const kept = await addSection(ctx, course.key, { title: 'Kept' });
    const unit = await addUnit(ctx, course.key, kept.key, { title: 'Unit' });
    const text = await addBlock(ctx, course.key, unit.key, { type: 'text', title: 'Old text', body: 'old' });
    const doomed = await addBlock(ctx, course.key, unit.key, {
      type: 'link',
      title: 'Gone',
      url: 'https://example.org',
    });
    await addSection(ctx, course.key, { title: 'Gone too' });
    const pkg = await exportCoursePackage(ctx, storage, course.key, { side: 'draft' });
    const manifest = structuredClone(pkg.manifest);
    const unitOut = manifest.sections[0]!.units[0]!;
    unitOut.blocks = [
      { key: 'brand-new', content: { type: 'text', title: 'Added', body: 'new' } },
      { key: text.key, content: { type: 'text', title: 'New text', body: 'changed' } },
    ];
    manifest.sections = [manifest.sections[0]!];
    const { buildRawZip } = await import('../../../test/fixtures/packages/raw-zip.ts');
    const bytes = buildRawZip([{ name: MANIFEST_NAME, data: Buffer.from(JSON.stringify(manifest)) }]);
    const result = await importCoursePackage(ctx, storage, bytes, { mode: 'new-draft', courseKey: course.key });
    expect(result).toMatchObject({ created: 1, changed: 1, deleted: 2 });
    const tree = await getDraftTree(ctx, course.key);
    expect(tree.sections.map((section) => section.key)).toEqual([kept.key]);
    const blocks = tree.sections[0]!.units[0]!.blocks;
    expect(blocks.map((block) => block.block.title)).toEqual(['Added', 'New text']);
    expect(blocks[1]!.key).toBe(text.key);
    expect(blocks.some((block) => block.key === doomed.key)).toBe(false);
  });

  it('re-imports a course’s own package as its draft without uploading its media again', async () => {
    const pkg = await exportCoursePackage(cast.author.ctx, storage, cast.course.key, { side: 'draft' });
    const mediaBefore = await listMedia(cast.author.ctx, cast.course.key);
    const result = await importCoursePackage(cast.author.ctx, storage, pkg.bytes, {
      mode: 'new-draft',
      courseKey: cast.course.key,
    });
    expect(result).toMatchObject({ created: 0, changed: 0, deleted: 0 });
    expect(await listMedia(cast.author.ctx, cast.course.key)).toHaveLength(mediaBefore.length);
  });

  it('checks access before reading the package', async () => {
    const junk = Buffer.from('not a zip');
    await expect(
      importCoursePackage(cast.anonymous, storage, junk, { mode: 'new-draft', courseKey: cast.course.key }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(
      importCoursePackage(cast.teachingAssistant.ctx, storage, junk, { mode: 'new-draft', courseKey: cast.course.key }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      importCoursePackage(cast.otherAdmin.ctx, storage, junk, { mode: 'new-draft', courseKey: cast.course.key }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(
      importCoursePackage(cast.learner.ctx, storage, junk, {
        mode: 'new-course',
        key: 'some-new-key',
        leadInstitutionId: cast.lead.id,
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      importCoursePackage(cast.leadInstructor.ctx, storage, junk, {
        mode: 'new-course',
        key: cast.course.key,
        leadInstitutionId: cast.lead.id,
      }),
    ).rejects.toMatchObject({ code: 'course.key_taken' });
  });
});
