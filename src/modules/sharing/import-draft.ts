import type { ServiceContext } from '../../platform/access/index.ts';
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
  type Block,
  type CourseTree,
} from '../courses/index.ts';
import { toStableJson, type PackageSection } from './manifest.ts';

/**
 * Turns a course's draft into the package's tree with the content services: entities whose key
 * and kind match are kept (renamed, rewritten, moved only where they differ), the rest are
 * created, and whatever the package lacks is deleted last, once everything kept has moved out.
 * A local copy of the child lists tells which moves are needed, so unchanged parts get no new
 * versions.
 */
type Layout = { children: Map<string, string[]>; parent: Map<string, string> };

const ROOT = '';

function readLayout(tree: CourseTree): Layout {
  const children = new Map<string, string[]>([[ROOT, tree.sections.map((section) => section.key)]]);
  const parent = new Map<string, string>();
  for (const section of tree.sections) {
    parent.set(section.key, ROOT);
    children.set(
      section.key,
      section.units.map((unit) => unit.key),
    );
    for (const unit of section.units) {
      parent.set(unit.key, section.key);
      children.set(
        unit.key,
        unit.blocks.map((block) => block.key),
      );
      unit.blocks.forEach((block) => parent.set(block.key, unit.key));
    }
  }
  return { children, parent };
}

/** Records a placement the way the services do it (a position past the end lands at the end). */
function place(layout: Layout, key: string, target: string, position: number): void {
  const from = layout.parent.get(key);
  if (from !== undefined)
    layout.children.set(
      from,
      layout.children.get(from)!.filter((child) => child !== key),
    );
  const list = layout.children.get(target) ?? [];
  const index = Math.min(Math.max(position, 0), list.length);
  layout.children.set(target, [...list.slice(0, index), key, ...list.slice(index)]);
  layout.parent.set(key, target);
  if (!layout.children.has(key)) layout.children.set(key, []);
}

const isPlaced = (layout: Layout, key: string, target: string, position: number): boolean =>
  layout.parent.get(key) === target && layout.children.get(target)?.[position] === key;

export type DraftChanges = { created: number; changed: number; deleted: number };

export async function replaceDraftTree(
  ctx: ServiceContext,
  courseKey: string,
  sections: readonly PackageSection[],
): Promise<DraftChanges> {
  const tree = await getDraftTree(ctx, courseKey);
  const layout = readLayout(tree);
  const oldSections = new Map(tree.sections.map((section) => [section.key, section]));
  const oldUnits = new Map(tree.sections.flatMap((section) => section.units.map((unit) => [unit.key, unit] as const)));
  const oldBlocks = new Map(
    tree.sections.flatMap((section) =>
      section.units.flatMap((unit) => unit.blocks.map((block) => [block.key, block] as const)),
    ),
  );
  const kept = new Set<string>();
  const counts: DraftChanges = { created: 0, changed: 0, deleted: 0 };

  for (const [s, section] of sections.entries()) {
    const old = oldSections.get(section.key);
    let sectionKey = section.key;
    if (old) {
      kept.add(sectionKey);
      if (old.title !== section.title) {
        await updateSection(ctx, courseKey, sectionKey, { title: section.title });
        counts.changed += 1;
      }
      if (!isPlaced(layout, sectionKey, ROOT, s)) await moveSection(ctx, courseKey, sectionKey, { position: s });
    } else {
      sectionKey = (await addSection(ctx, courseKey, { title: section.title, position: s })).key;
      counts.created += 1;
    }
    place(layout, sectionKey, ROOT, s);

    for (const [u, unit] of section.units.entries()) {
      const oldUnit = oldUnits.get(unit.key);
      let unitKey = unit.key;
      if (oldUnit) {
        kept.add(unitKey);
        if (oldUnit.title !== unit.title) {
          await updateUnit(ctx, courseKey, unitKey, { title: unit.title });
          counts.changed += 1;
        }
        if (!isPlaced(layout, unitKey, sectionKey, u))
          await moveUnit(ctx, courseKey, unitKey, { sectionKey, position: u });
      } else {
        unitKey = (await addUnit(ctx, courseKey, sectionKey, { title: unit.title, position: u })).key;
        counts.created += 1;
      }
      place(layout, unitKey, sectionKey, u);

      for (const [b, block] of unit.blocks.entries()) {
        const oldBlock = oldBlocks.get(block.key);
        let blockKey = block.key;
        // A block keeps its type for good (answers point at its versions): another type is a new block.
        if (oldBlock && oldBlock.block.type === block.content.type) {
          kept.add(blockKey);
          if (toStableJson(oldBlock.block) !== toStableJson(block.content)) {
            await updateBlock(ctx, courseKey, blockKey, block.content);
            counts.changed += 1;
          }
          if (!isPlaced(layout, blockKey, unitKey, b))
            await moveBlock(ctx, courseKey, blockKey, { unitKey, position: b });
        } else {
          blockKey = (await addBlock(ctx, courseKey, unitKey, block.content satisfies Block, b)).key;
          counts.created += 1;
        }
        place(layout, blockKey, unitKey, b);
      }
    }
  }

  for (const key of oldBlocks.keys()) if (!kept.has(key)) await deleteBlock(ctx, courseKey, key);
  for (const key of oldUnits.keys()) if (!kept.has(key)) await deleteUnit(ctx, courseKey, key);
  for (const key of oldSections.keys()) if (!kept.has(key)) await deleteSection(ctx, courseKey, key);
  counts.deleted = [...oldBlocks.keys(), ...oldUnits.keys(), ...oldSections.keys()].filter(
    (key) => !kept.has(key),
  ).length;
  return counts;
}
