import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { pubVersion } from '../publishing/schema.ts';
import {
  addBlock,
  addSection,
  addUnit,
  deleteBlock,
  deleteSection,
  deleteUnit,
  getDraftTree,
  moveBlock,
  moveSection,
  moveUnit,
  updateBlock,
  updateSection,
  updateUnit,
  type CourseTree,
} from './index.ts';
import { createCourseTestHelpers, type CourseCast } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: ReturnType<typeof createCourseTestHelpers>;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
});
afterAll(() => handle.close());

function text(title: string, body = 'Some words.') {
  return { type: 'text' as const, title, body };
}

function outline(tree: CourseTree) {
  return tree.sections.map((section) => ({
    title: section.title,
    units: section.units.map((unit) => ({ title: unit.title, blocks: unit.blocks.map((b) => b.block.title) })),
  }));
}

async function buildCast(): Promise<CourseCast> {
  return helpers.buildCourseWithTeam();
}

describe('the draft tree', () => {
  it('starts with the metadata and no sections', async () => {
    const cast = await buildCast();
    const tree = await getDraftTree(cast.author.ctx, cast.course.key);
    expect(tree).toMatchObject({ courseId: cast.course.id, side: 'draft', releaseId: null, sections: [] });
    expect(tree.metadata.title).toEqual({ en: 'Climate Data 101' });
  });

  it('round-trips sections, units and blocks in their order', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const key = cast.course.key;
    const intro = await addSection(ctx, key, { title: 'Introduction' });
    const data = await addSection(ctx, key, { title: 'Data' });
    const welcome = await addUnit(ctx, key, intro.key, { title: 'Welcome' });
    await addUnit(ctx, key, data.key, { title: 'Sources' });
    const block = await addBlock(ctx, key, welcome.key, text('Hello'));
    await addBlock(ctx, key, welcome.key, { type: 'link', title: 'IPCC', url: 'https://www.ipcc.ch/' });
    await addBlock(ctx, key, welcome.key, text('First'), 0);

    expect(intro).toMatchObject({ title: 'Introduction', units: [] });
    expect(intro.key).toMatch(/^section-[0-9a-z]{8}$/);
    expect(welcome.key).toMatch(/^unit-[0-9a-z]{8}$/);
    expect(block.key).toMatch(/^block-[0-9a-z]{8}$/);
    expect(block.block).toEqual({ type: 'text', title: 'Hello', body: 'Some words.' });

    const tree = await getDraftTree(ctx, key);
    expect(outline(tree)).toEqual([
      { title: 'Introduction', units: [{ title: 'Welcome', blocks: ['First', 'Hello', 'IPCC'] }] },
      { title: 'Data', units: [{ title: 'Sources', blocks: [] }] },
    ]);
    const link = tree.sections[0]!.units[0]!.blocks[2]!.block;
    expect(link).toEqual({ type: 'link', title: 'IPCC', url: 'https://www.ipcc.ch/', description: '' });
  });

  it('clamps positions out of range and inserts at a given position', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const key = cast.course.key;
    await addSection(ctx, key, { title: 'B' });
    await addSection(ctx, key, { title: 'A', position: -5 });
    await addSection(ctx, key, { title: 'D', position: 99 });
    await addSection(ctx, key, { title: 'C', position: 2 });
    expect(outline(await getDraftTree(ctx, key)).map((s) => s.title)).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('structural edits', () => {
  it('renames and moves sections', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const key = cast.course.key;
    const one = await addSection(ctx, key, { title: 'One' });
    await addSection(ctx, key, { title: 'Two' });
    await addSection(ctx, key, { title: 'Three' });
    await updateSection(ctx, key, one.key, { title: 'First' });
    await moveSection(ctx, key, one.key, { position: 99 });
    expect(outline(await getDraftTree(ctx, key)).map((s) => s.title)).toEqual(['Two', 'Three', 'First']);
    await moveSection(ctx, key, one.key, { position: 1 });
    expect(outline(await getDraftTree(ctx, key)).map((s) => s.title)).toEqual(['Two', 'First', 'Three']);
  });

  it('renames units and moves them within and across sections', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const key = cast.course.key;
    const left = await addSection(ctx, key, { title: 'Left' });
    const right = await addSection(ctx, key, { title: 'Right' });
    const a = await addUnit(ctx, key, left.key, { title: 'a' });
    await addUnit(ctx, key, left.key, { title: 'b' });
    await addUnit(ctx, key, right.key, { title: 'c' });
    await updateUnit(ctx, key, a.key, { title: 'A' });
    await moveUnit(ctx, key, a.key, { sectionKey: left.key, position: 1 });
    expect(outline(await getDraftTree(ctx, key))[0]!.units.map((u) => u.title)).toEqual(['b', 'A']);
    await moveUnit(ctx, key, a.key, { sectionKey: right.key, position: 0 });
    const tree = outline(await getDraftTree(ctx, key));
    expect(tree.map((s) => s.units.map((u) => u.title))).toEqual([['b'], ['A', 'c']]);
  });

  it('updates and moves blocks across units, keeping their type', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const key = cast.course.key;
    const section = await addSection(ctx, key, { title: 'S' });
    const u1 = await addUnit(ctx, key, section.key, { title: 'u1' });
    const u2 = await addUnit(ctx, key, section.key, { title: 'u2' });
    const block = await addBlock(ctx, key, u1.key, text('x'));
    await addBlock(ctx, key, u2.key, text('y'));
    const updated = await updateBlock(ctx, key, block.key, text('x2', 'New body'));
    expect(updated).toMatchObject({ key: block.key, versionNum: 2, block: { title: 'x2', body: 'New body' } });
    await expect(
      updateBlock(ctx, key, block.key, { type: 'link', title: 'x', url: 'https://example.org' }),
    ).rejects.toMatchObject({ code: 'block.type_changed' });
    await moveBlock(ctx, key, block.key, { unitKey: u2.key, position: 5 });
    const tree = outline(await getDraftTree(ctx, key));
    expect(tree[0]!.units.map((u) => u.blocks)).toEqual([[], ['y', 'x2']]);
  });

  it('keeps a discussion block’s prompt, empty by default and at most 5000 characters', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const key = cast.course.key;
    const section = await addSection(ctx, key, { title: 'S' });
    const unit = await addUnit(ctx, key, section.key, { title: 'u' });
    const block = await addBlock(ctx, key, unit.key, { type: 'discussion', title: 'Talk about it' });
    expect(block.block).toEqual({ type: 'discussion', title: 'Talk about it', prompt: '' });
    const updated = await updateBlock(ctx, key, block.key, {
      type: 'discussion',
      title: 'Talk about it',
      prompt: 'What do *you* think?',
    });
    expect(updated).toMatchObject({ versionNum: 2, block: { prompt: 'What do *you* think?' } });
    await expect(
      updateBlock(ctx, key, block.key, { type: 'discussion', title: 'x', prompt: 'p'.repeat(5001) }),
    ).rejects.toMatchObject({
      code: 'block.invalid',
      details: { fields: [{ field: 'prompt', message: 'must be at most 5000 characters' }] },
    });
    await expect(updateBlock(ctx, key, block.key, text('x'))).rejects.toMatchObject({ code: 'block.type_changed' });
  });

  it('deletes blocks, units and sections with everything under them', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const key = cast.course.key;
    const s1 = await addSection(ctx, key, { title: 'S1' });
    const s2 = await addSection(ctx, key, { title: 'S2' });
    const u1 = await addUnit(ctx, key, s1.key, { title: 'u1' });
    const u2 = await addUnit(ctx, key, s2.key, { title: 'u2' });
    const b1 = await addBlock(ctx, key, u1.key, text('b1'));
    const b2 = await addBlock(ctx, key, u2.key, text('b2'));
    await deleteBlock(ctx, key, b1.key);
    expect(outline(await getDraftTree(ctx, key))[0]!.units[0]!.blocks).toEqual([]);
    await deleteUnit(ctx, key, u1.key);
    await deleteSection(ctx, key, s2.key);
    expect(outline(await getDraftTree(ctx, key))).toEqual([{ title: 'S1', units: [] }]);
    await expect(updateBlock(ctx, key, b2.key, text('again'))).rejects.toMatchObject({ kind: 'not_found' });
    await expect(addUnit(ctx, key, s2.key, { title: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('reports unknown keys and wrong kinds as not found and bad input as invalid', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const key = cast.course.key;
    const section = await addSection(ctx, key, { title: 'S' });
    await expect(addUnit(ctx, key, 'section-nope0000', { title: 'x' })).rejects.toMatchObject({
      code: 'section.not_found',
    });
    await expect(addBlock(ctx, key, section.key, text('x'))).rejects.toMatchObject({ code: 'unit.not_found' });
    await expect(deleteSection(ctx, key, 'root')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(addSection(ctx, 'no-such-course', { title: 'x' })).rejects.toMatchObject({ code: 'course.not_found' });
    await expect(addSection(ctx, key, { title: '  ' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(moveSection(ctx, key, section.key, { position: 1.5 })).rejects.toMatchObject({ kind: 'invalid' });
    const unit = await addUnit(ctx, key, section.key, { title: 'u' });
    await expect(addBlock(ctx, key, unit.key, { type: 'text', title: '', body: '' })).rejects.toMatchObject({
      code: 'block.invalid',
      details: { fields: [{ field: 'title', message: 'must not be empty' }] },
    });
  });
});

describe('versions', () => {
  it('are never modified: every edit only adds versions', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const key = cast.course.key;
    const section = await addSection(ctx, key, { title: 'S' });
    const unit = await addUnit(ctx, key, section.key, { title: 'u' });
    const block = await addBlock(ctx, key, unit.key, text('b'));
    const before = await handle.db.select().from(pubVersion);
    await updateSection(ctx, key, section.key, { title: 'S2' });
    await updateBlock(ctx, key, block.key, text('b2'));
    await moveBlock(ctx, key, block.key, { unitKey: unit.key, position: 0 });
    await addUnit(ctx, key, section.key, { title: 'u2', position: 0 });
    await deleteUnit(ctx, key, unit.key);
    const after = await handle.db.select().from(pubVersion);
    for (const row of before) expect(after.find((candidate) => candidate.id === row.id)).toEqual(row);
    expect(after.length).toBeGreaterThan(before.length);
  });

  it('are not written when an edit changes nothing', async () => {
    const cast = await buildCast();
    const { ctx } = cast.author;
    const section = await addSection(ctx, cast.course.key, { title: 'Same' });
    const count = (await handle.db.select().from(pubVersion)).length;
    await updateSection(ctx, cast.course.key, section.key, { title: 'Same' });
    expect((await handle.db.select().from(pubVersion)).length).toBe(count);
  });
});

describe('co-authors editing at once', () => {
  it('never lose a change: 20 blocks added concurrently by two authors are all there', async () => {
    const cast = await buildCast();
    const key = cast.course.key;
    const section = await addSection(cast.author.ctx, key, { title: 'S' });
    const unit = await addUnit(cast.author.ctx, key, section.key, { title: 'u' });
    const authors = [cast.author.ctx, cast.instructor.ctx];
    const added = await Promise.all(
      Array.from({ length: 20 }, (_, index) => addBlock(authors[index % 2]!, key, unit.key, text(`block ${index}`))),
    );
    const blocks = (await getDraftTree(cast.author.ctx, key)).sections[0]!.units[0]!.blocks;
    expect(blocks).toHaveLength(20);
    expect(new Set(blocks.map((b) => b.key))).toEqual(new Set(added.map((b) => b.key)));
  });

  it('never lose a change when sections and units are added at once', async () => {
    const cast = await buildCast();
    const key = cast.course.key;
    const sections = await Promise.all(
      Array.from({ length: 10 }, (_, index) => addSection(cast.author.ctx, key, { title: `S${index}` })),
    );
    await Promise.all(sections.map((s) => addUnit(cast.instructor.ctx, key, s.key, { title: `u-${s.title}` })));
    const tree = await getDraftTree(cast.author.ctx, key);
    expect(tree.sections).toHaveLength(10);
    expect(tree.sections.every((s) => s.units.length === 1 && s.units[0]!.title === `u-${s.title}`)).toBe(true);
  });
});
