import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import { createNextVersion } from '../publishing/index.ts';
import { parseCourseInput } from './core.ts';
import { blockSchema, type Block, type BlockInput, type TreeBlock } from './model.ts';
import {
  createDraftEntity,
  editDraft,
  entityKeySchema,
  findInDraft,
  insertAt,
  positionSchema,
  writeChildren,
} from './content-draft.ts';
import { moveEntity, removeFromDraft } from './content-structure.ts';
import { readContainer, toTreeBlock } from './tree-assemble.ts';

/*
 * Blocks: the content of a unit. Each block version holds one parsed `Block`.
 * Errors of every function: not_found (course, unit, block), forbidden (no edit_content),
 * invalid (block fields, details.fields lists each problem).
 */

const moveBlockSchema = z.strictObject({ unitKey: z.string().min(1), position: positionSchema });

function parseBlock(input: BlockInput): Block {
  return parseCourseInput(blockSchema, input, 'block.invalid');
}

function parsePosition(position: number | undefined): number | undefined {
  return parseCourseInput(positionSchema.optional(), position, 'block.invalid');
}

/** Adds a block to a unit, at the end unless a position is given. */
export async function addBlock(
  ctx: ServiceContext,
  courseKey: string,
  unitKey: string,
  input: BlockInput,
  position?: number,
  /** Normally generated; an imported package keeps its own. */
  key?: string,
): Promise<TreeBlock> {
  return editDraft(ctx, courseKey, async (work) => {
    const block = parseBlock(input);
    const at = parsePosition(position);
    const chosenKey = key === undefined ? undefined : parseCourseInput(entityKeySchema, key, 'block.invalid');
    const unit = findInDraft(work.draft, unitKey, 'unit');
    const created = await createDraftEntity(work, 'block', block, chosenKey);
    await writeChildren(work, unit.entity.id, insertAt(readContainer(unit).children, created.entity.id, at));
    return toTreeBlock(created);
  });
}

/**
 * Writes a new version of a block. Its type stays: learners' answers point at versions of the
 * block, and a quiz that turned into a video would leave them pointing at something else.
 * Errors also: invalid 'block.type_changed'.
 */
export async function updateBlock(
  ctx: ServiceContext,
  courseKey: string,
  blockKey: string,
  input: BlockInput,
): Promise<TreeBlock> {
  return editDraft(ctx, courseKey, async (work) => {
    const block = parseBlock(input);
    const current = findInDraft(work.draft, blockKey, 'block');
    if (toTreeBlock(current).block.type !== block.type) {
      throw invalid('block.type_changed', 'A block keeps its type; add a new block instead.');
    }
    const version = await createNextVersion(work.tx, { entityId: current.entity.id, data: block, ...work.stamp });
    return toTreeBlock({ entity: current.entity, version });
  });
}

export async function deleteBlock(ctx: ServiceContext, courseKey: string, blockKey: string): Promise<void> {
  await editDraft(ctx, courseKey, async (work) => {
    await removeFromDraft(work, findInDraft(work.draft, blockKey, 'block').entity.id);
  });
}

/** Moves a block within its unit or into another unit of the course. */
export async function moveBlock(
  ctx: ServiceContext,
  courseKey: string,
  blockKey: string,
  input: { unitKey: string; position: number },
): Promise<void> {
  await editDraft(ctx, courseKey, async (work) => {
    const data = parseCourseInput(moveBlockSchema, input, 'block.invalid');
    const block = findInDraft(work.draft, blockKey, 'block');
    const target = findInDraft(work.draft, data.unitKey, 'unit');
    await moveEntity(work, block.entity.id, target.entity.id, data.position);
  });
}
