import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { deleteFromDraft } from '../publishing/index.ts';
import { parseCourseInput } from './core.ts';
import type { TreeSection, TreeUnit } from './model.ts';
import {
  childrenOf,
  containerTitleSchema,
  createDraftEntity,
  entityKeySchema,
  editDraft,
  findInDraft,
  insertAt,
  listDescendants,
  parentOf,
  positionSchema,
  writeChildren,
  writeContainer,
  type DraftEdit,
} from './content-draft.ts';
import { readContainer, toTreeSection, toTreeUnit } from './tree-assemble.ts';

/*
 * Sections and units. Every edit writes new versions of what it touches (the moved or renamed
 * entity and the containers whose child lists change) and never updates a version.
 * Errors of every function: not_found (course, section, unit), forbidden (no edit_content),
 * invalid (input).
 */

const newContainerSchema = z.strictObject({
  title: containerTitleSchema,
  position: positionSchema.optional(),
  /** Normally generated; an imported package keeps its own. */
  key: entityKeySchema.optional(),
});
const renameSchema = z.strictObject({ title: containerTitleSchema });
const moveSectionSchema = z.strictObject({ position: positionSchema });
const moveUnitSchema = z.strictObject({ sectionKey: z.string().min(1), position: positionSchema });

export type NewContainer = z.input<typeof newContainerSchema>;

export async function addSection(ctx: ServiceContext, courseKey: string, input: NewContainer): Promise<TreeSection> {
  return editDraft(ctx, courseKey, async (work) => {
    const data = parseCourseInput(newContainerSchema, input, 'section.invalid');
    const section = await createDraftEntity(work, 'section', { title: data.title, children: [] }, data.key);
    const rootId = work.draft.course.rootEntityId;
    await writeChildren(work, rootId, insertAt(work.draft.root.children, section.entity.id, data.position));
    return toTreeSection(work.draft.lookup, section);
  });
}

export async function updateSection(
  ctx: ServiceContext,
  courseKey: string,
  sectionKey: string,
  input: { title: string },
): Promise<void> {
  await editDraft(ctx, courseKey, async (work) => {
    const data = parseCourseInput(renameSchema, input, 'section.invalid');
    await rename(work, findInDraft(work.draft, sectionKey, 'section').entity.id, data.title);
  });
}

/** Removes a section with its units and blocks from the draft; learners keep them until the next publish. */
export async function deleteSection(ctx: ServiceContext, courseKey: string, sectionKey: string): Promise<void> {
  await editDraft(ctx, courseKey, async (work) => {
    await removeFromDraft(work, findInDraft(work.draft, sectionKey, 'section').entity.id);
  });
}

export async function moveSection(
  ctx: ServiceContext,
  courseKey: string,
  sectionKey: string,
  input: { position: number },
): Promise<void> {
  await editDraft(ctx, courseKey, async (work) => {
    const data = parseCourseInput(moveSectionSchema, input, 'section.invalid');
    const section = findInDraft(work.draft, sectionKey, 'section');
    await moveEntity(work, section.entity.id, work.draft.course.rootEntityId, data.position);
  });
}

export async function addUnit(
  ctx: ServiceContext,
  courseKey: string,
  sectionKey: string,
  input: NewContainer,
): Promise<TreeUnit> {
  return editDraft(ctx, courseKey, async (work) => {
    const data = parseCourseInput(newContainerSchema, input, 'unit.invalid');
    const section = findInDraft(work.draft, sectionKey, 'section');
    const unit = await createDraftEntity(work, 'unit', { title: data.title, children: [] }, data.key);
    const children = insertAt(readContainer(section).children, unit.entity.id, data.position);
    await writeChildren(work, section.entity.id, children);
    return toTreeUnit(work.draft.lookup, unit);
  });
}

export async function updateUnit(
  ctx: ServiceContext,
  courseKey: string,
  unitKey: string,
  input: { title: string },
): Promise<void> {
  await editDraft(ctx, courseKey, async (work) => {
    const data = parseCourseInput(renameSchema, input, 'unit.invalid');
    await rename(work, findInDraft(work.draft, unitKey, 'unit').entity.id, data.title);
  });
}

export async function deleteUnit(ctx: ServiceContext, courseKey: string, unitKey: string): Promise<void> {
  await editDraft(ctx, courseKey, async (work) => {
    await removeFromDraft(work, findInDraft(work.draft, unitKey, 'unit').entity.id);
  });
}

/** Moves a unit within its section or into another one. */
export async function moveUnit(
  ctx: ServiceContext,
  courseKey: string,
  unitKey: string,
  input: { sectionKey: string; position: number },
): Promise<void> {
  await editDraft(ctx, courseKey, async (work) => {
    const data = parseCourseInput(moveUnitSchema, input, 'unit.invalid');
    const unit = findInDraft(work.draft, unitKey, 'unit');
    const target = findInDraft(work.draft, data.sectionKey, 'section');
    await moveEntity(work, unit.entity.id, target.entity.id, data.position);
  });
}

async function rename(work: DraftEdit, entityId: number, title: string): Promise<void> {
  const pinned = work.draft.lookup.get(entityId)!;
  await writeContainer(work, pinned, { ...readContainer(pinned), title });
}

/** Detaches an entity from its parent and deletes it and everything under it from the draft. */
export async function removeFromDraft(work: DraftEdit, entityId: number): Promise<void> {
  const parentId = parentOf(work.draft, entityId);
  await writeChildren(
    work,
    parentId,
    childrenOf(work.draft, parentId).filter((id) => id !== entityId),
  );
  for (const id of [entityId, ...listDescendants(work.draft, entityId)]) await deleteFromDraft(work.tx, id);
}

/** Moves an entity under `targetId` at `position`; within the same parent the list is reordered. */
export async function moveEntity(work: DraftEdit, entityId: number, targetId: number, position: number): Promise<void> {
  const sourceId = parentOf(work.draft, entityId);
  const remaining = childrenOf(work.draft, sourceId).filter((id) => id !== entityId);
  if (sourceId === targetId) {
    await writeChildren(work, targetId, insertAt(remaining, entityId, position));
    return;
  }
  await writeChildren(work, sourceId, remaining);
  await writeChildren(work, targetId, insertAt(childrenOf(work.draft, targetId), entityId, position));
}
