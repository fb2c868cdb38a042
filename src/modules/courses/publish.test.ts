import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle, Executor } from '../../platform/db/index.ts';
import { listPublishLogs } from '../publishing/index.ts';
import {
  addBlock,
  addSection,
  addUnit,
  deleteBlock,
  deleteSection,
  getDraftTree,
  getPendingChanges,
  getPublishedTree,
  getReleaseTree,
  listReleases,
  publishCourse,
  registerCoursePublishedListener,
  revertDraft,
  updateBlock,
  updateSection,
} from './index.ts';
import { crsCourse, crsRelease } from './schema.ts';
import { createCourseTestHelpers, type CourseCast } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: ReturnType<typeof createCourseTestHelpers>;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
});
afterAll(() => handle.close());

function text(title: string, body = 'Words.') {
  return { type: 'text' as const, title, body };
}

/** A course with one section, one unit and two blocks, ready to publish. */
async function buildAuthoredCourse() {
  const cast: CourseCast = await helpers.buildCourseWithTeam();
  const { ctx } = cast.author;
  const key = cast.course.key;
  const section = await addSection(ctx, key, { title: 'Week 1' });
  const unit = await addUnit(ctx, key, section.key, { title: 'Basics' });
  const first = await addBlock(ctx, key, unit.key, text('Welcome'));
  const second = await addBlock(ctx, key, unit.key, text('Reading'));
  return { cast, key, lead: cast.leadInstructor.ctx, author: ctx, section, unit, first, second };
}

function titlesOf(tree: { sections: { units: { blocks: { block: { title: string } }[] }[] }[] }): string[] {
  return tree.sections.flatMap((s) => s.units.flatMap((u) => u.blocks.map((b) => b.block.title)));
}

describe('publishing a course', () => {
  it('pins the draft as release 1, 2, 3 with summaries of what changed', async () => {
    const { cast, key, lead, author, section, unit, first, second } = await buildAuthoredCourse();
    const r1 = await publishCourse(lead, key, { message: 'First edition' });
    expect(r1).toMatchObject({
      number: 1,
      courseId: cast.course.id,
      message: 'First edition',
      publishedBy: cast.leadInstructor.user.id,
      publishedByName: cast.leadInstructor.user.name,
      summary: { added: { course: 1, section: 1, unit: 1, block: 2 }, changed: {}, removed: {} },
    });
    expect(r1.summary.blocks).toEqual([
      { key: first.key, title: 'Welcome', change: 'added' },
      { key: second.key, title: 'Reading', change: 'added' },
    ]);

    await updateBlock(author, key, first.key, text('Welcome!'));
    await deleteBlock(author, key, second.key);
    const r2 = await publishCourse(lead, key, { message: 'Fixes' });
    expect(r2.number).toBe(2);
    expect(r2.summary).toEqual({
      added: {},
      changed: { unit: 1, block: 1 },
      removed: { block: 1 },
      blocks: [
        { key: first.key, title: 'Welcome!', change: 'changed' },
        { key: second.key, title: 'Reading', change: 'removed' },
      ],
    });

    await updateSection(author, key, section.key, { title: 'Week one' });
    await addBlock(author, key, unit.key, text('Quiz time'));
    const r3 = await publishCourse(lead, key, { message: '' });
    expect(r3.number).toBe(3);
    expect(r3.summary).toMatchObject({ added: { block: 1 }, changed: { section: 1, unit: 1 }, removed: {} });

    const history = await listReleases(cast.teachingAssistant.ctx, key);
    expect(history.map((release) => [release.number, release.message])).toEqual([
      [3, ''],
      [2, 'Fixes'],
      [1, 'First edition'],
    ]);
    const [course] = await handle.db.select().from(crsCourse).where(eq(crsCourse.id, cast.course.id));
    expect(course!.latestReleaseId).toBe(r3.id);
    const audit = await listAuditEvents(handle.db, { action: 'course.published', objectId: String(cast.course.id) });
    expect(audit).toHaveLength(3);
  });

  it('pins the root and everything reachable in the manifest, and records deleted entities in the log', async () => {
    const { cast, key, lead, author, section, unit, first, second } = await buildAuthoredCourse();
    const r1 = await publishCourse(lead, key, { message: 'v1' });
    const [row] = await handle.db.select().from(crsRelease).where(eq(crsRelease.id, r1.id));
    const tree = await getDraftTree(author, key);
    const ids = [cast.course.rootEntityId, section.entityId, unit.entityId, first.entityId, second.entityId];
    expect(Object.keys(row!.manifest).map(Number).sort()).toEqual(ids.sort());
    expect(row!.manifest[String(first.entityId)]).toBe(tree.sections[0]!.units[0]!.blocks[0]!.versionId);

    await deleteSection(author, key, section.key);
    const r2 = await publishCourse(lead, key, { message: 'v2' });
    expect(r2.summary).toMatchObject({ changed: { course: 1 }, removed: { section: 1, unit: 1, block: 2 } });
    const [log] = await listPublishLogs(handle.db, cast.course.packageId, 1);
    const deleted = log!.records.filter((record) => record.newVersionId === null).map((record) => record.entityKey);
    expect(deleted.sort()).toEqual([section.key, unit.key, first.key, second.key].sort());
  });

  it('refuses to publish when nothing changed', async () => {
    const { key, lead, author, unit } = await buildAuthoredCourse();
    await publishCourse(lead, key, { message: 'v1' });
    await expect(publishCourse(lead, key, { message: 'again' })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'course.nothing_to_publish',
    });
    // A change that was undone is no change either.
    const extra = await addBlock(author, key, unit.key, text('Oops'));
    await deleteBlock(author, key, extra.key);
    expect(await getPendingChanges(author, key)).toMatchObject({ hasChanges: false, blocks: [] });
    await expect(publishCourse(lead, key, { message: 'again' })).rejects.toMatchObject({
      code: 'course.nothing_to_publish',
    });
  });

  it('refuses media that is not a file of the course, listing each problem', async () => {
    const { cast, key, lead, author, unit } = await buildAuthoredCourse();
    const media = await helpers.insertMedia(cast.course);
    const elsewhere = await helpers.buildCourse();
    const foreign = await helpers.insertMedia(elsewhere.course);
    await addBlock(author, key, unit.key, { type: 'file', title: 'Slides', mediaId: media.uuid });
    const bad = await addBlock(author, key, unit.key, { type: 'file', title: 'Other', mediaId: foreign.uuid });
    const error = await publishCourse(lead, key, { message: 'v1' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: 'invalid',
      code: 'course.missing_media',
      details: { problems: [{ key: bad.key, mediaId: foreign.uuid }] },
    });
    await deleteBlock(author, key, bad.key);
    await expect(publishCourse(lead, key, { message: 'v1' })).resolves.toMatchObject({ number: 1 });
  });

  it('calls published listeners inside the transaction, and a failing listener undoes the publish', async () => {
    const { cast, key, lead } = await buildAuthoredCourse();
    const seen: [number, number][] = [];
    const unregister = registerCoursePublishedListener(async (tx: Executor, courseId, releaseId) => {
      const rows = await tx.select().from(crsRelease).where(eq(crsRelease.id, releaseId));
      expect(rows).toHaveLength(1);
      seen.push([courseId, releaseId]);
      if (seen.length === 1) throw new Error('listener failed');
    });
    try {
      await expect(publishCourse(lead, key, { message: 'v1' })).rejects.toThrow('listener failed');
      expect(await getPublishedTree(handle.db, key)).toBeNull();
      const release = await publishCourse(lead, key, { message: 'v1' });
      expect(release.number).toBe(1);
      expect(seen[1]).toEqual([cast.course.id, release.id]);
    } finally {
      unregister();
    }
  });
});

describe('what learners see', () => {
  it('draft edits do not reach the release or the published tree until published', async () => {
    const { key, lead, author, unit, first } = await buildAuthoredCourse();
    expect(await getPublishedTree(handle.db, key)).toBeNull();
    const r1 = await publishCourse(lead, key, { message: 'v1' });
    await updateBlock(author, key, first.key, text('Changed in draft'));
    await addBlock(author, key, unit.key, text('Draft only'));
    const release = await getReleaseTree(handle.db, r1.id);
    expect(release).toMatchObject({ side: 'release', releaseId: r1.id });
    expect(titlesOf(release)).toEqual(['Welcome', 'Reading']);
    expect(titlesOf((await getPublishedTree(handle.db, key))!)).toEqual(['Welcome', 'Reading']);
    expect(await getPendingChanges(author, key)).toMatchObject({ hasChanges: true, added: { block: 1 } });

    const r2 = await publishCourse(lead, key, { message: 'v2' });
    expect(titlesOf((await getPublishedTree(handle.db, key))!)).toEqual(['Changed in draft', 'Reading', 'Draft only']);
    // Release 1 stays frozen.
    expect(titlesOf(await getReleaseTree(handle.db, r1.id))).toEqual(['Welcome', 'Reading']);
    expect(titlesOf(await getReleaseTree(handle.db, r2.id))).toHaveLength(3);
  });

  it('serves a release tree from the cache, frozen', async () => {
    const { key, lead } = await buildAuthoredCourse();
    const r1 = await publishCourse(lead, key, { message: 'v1' });
    const once = await getReleaseTree(handle.db, r1.id);
    expect(await getReleaseTree(handle.db, r1.id)).toBe(once);
    expect(Object.isFrozen(once.sections[0]!.units[0]!.blocks[0]!.block)).toBe(true);
    await expect(getReleaseTree(handle.db, 999_999)).rejects.toMatchObject({ code: 'release.not_found' });
  });
});

describe('reverting the draft', () => {
  it('brings back the latest release and drops what was never released', async () => {
    const { cast, key, lead, author, section, unit, first } = await buildAuthoredCourse();
    await expect(revertDraft(author, key)).rejects.toMatchObject({ code: 'course.never_published' });
    await publishCourse(lead, key, { message: 'v1' });
    const released = await getDraftTree(author, key);
    await updateBlock(author, key, first.key, text('Edited'));
    await addBlock(author, key, unit.key, text('New'));
    await addSection(author, key, { title: 'Week 2' });
    await updateSection(author, key, section.key, { title: 'Renamed' });
    await revertDraft(author, key);
    expect(await getDraftTree(author, key)).toEqual(released);
    expect(await getPendingChanges(author, key)).toMatchObject({ hasChanges: false });
    const audit = await listAuditEvents(handle.db, {
      action: 'course.draft_reverted',
      objectId: String(cast.course.id),
    });
    expect(audit).toHaveLength(1);
  });

  it('restores deleted sections', async () => {
    const { key, lead, author, section } = await buildAuthoredCourse();
    await publishCourse(lead, key, { message: 'v1' });
    const released = await getDraftTree(author, key);
    await deleteSection(author, key, section.key);
    expect((await getDraftTree(author, key)).sections).toEqual([]);
    await revertDraft(author, key);
    expect(await getDraftTree(author, key)).toEqual(released);
  });
});
