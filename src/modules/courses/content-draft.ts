import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, notFound } from '../../platform/errors/index.ts';
import { createEntity, createNextVersion, listDraftStates, type Entity } from '../publishing/index.ts';
import { lockCourse, requireCourse, writeDraftRoot, type LoadedCourse } from './core.ts';
import { containerDataSchema, type ContainerData, type EntityKind, type RootData } from './model.ts';
import { crsCourse } from './schema.ts';
import { readContainer, readRoot, toLookup, type PinnedEntity } from './tree-assemble.ts';

/** The draft of one course as an edit sees it, loaded once after the course row is locked. */
export type DraftSnapshot = {
  course: LoadedCourse;
  lookup: Map<number, PinnedEntity>;
  /** Every key used in the package, deleted entities included, so a new key never collides. */
  usedKeys: Set<string>;
  byKey: Map<string, PinnedEntity>;
  /** Parent entity id of every entity reachable from the root. */
  parentOf: Map<number, number>;
  root: RootData;
};

/** What an edit works with: the open transaction, the locked snapshot and who and when. */
export type DraftEdit = { tx: Executor; draft: DraftSnapshot; stamp: { by: string | null; at: Date } };

export const positionSchema = z.number().int('must be a whole number');
export const containerTitleSchema = containerDataSchema.shape.title;

async function loadSnapshot(tx: Executor, course: LoadedCourse): Promise<DraftSnapshot> {
  const states = await listDraftStates(tx, course.packageId);
  const lookup = toLookup(states);
  const root = readRoot(lookup.get(course.rootEntityId));
  const parentOf = new Map<number, number>();
  const visit = (parentId: number, children: readonly number[]): void => {
    for (const childId of children) {
      const child = lookup.get(childId);
      if (!child || parentOf.has(childId)) continue;
      parentOf.set(childId, parentId);
      if (child.entity.kind !== 'block') visit(childId, readContainer(child).children);
    }
  };
  visit(course.rootEntityId, root.children);
  const byKey = new Map([...lookup.values()].map((pinned) => [pinned.entity.key, pinned]));
  return { course, lookup, usedKeys: new Set(states.map((s) => s.entity.key)), byKey, parentOf, root };
}

/**
 * Runs one content edit: checks edit_content, opens a transaction, locks the course row so
 * co-authors' edits queue instead of overwriting each other, and hands over the fresh draft.
 */
export async function editDraft<T>(
  ctx: ServiceContext,
  courseKey: string,
  edit: (work: DraftEdit) => Promise<T>,
): Promise<T> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'edit_content');
  const stamp = { by: ctx.actor?.userId ?? null, at: ctx.clock.now() };
  return ctx.db.transaction(async (tx) => {
    await lockCourse(tx, course.id);
    const draft = await loadSnapshot(tx, course);
    const result = await edit({ tx, draft, stamp });
    await tx.update(crsCourse).set({ updatedAt: stamp.at }).where(eq(crsCourse.id, course.id));
    return result;
  });
}

/** A section, unit or block of the current draft by key; anything else (or deleted) is not found. */
export function findInDraft(draft: DraftSnapshot, key: string, kind: Exclude<EntityKind, 'course'>): PinnedEntity {
  const pinned = draft.byKey.get(key);
  if (!pinned || pinned.entity.kind !== kind || !draft.parentOf.has(pinned.entity.id)) throw notFound(kind);
  return pinned;
}

export function parentOf(draft: DraftSnapshot, entityId: number): number {
  const parent = draft.parentOf.get(entityId);
  if (parent === undefined) throw notFound('entity');
  return parent;
}

/** Every entity under `entityId` in the draft (not itself), deepest last. */
export function listDescendants(draft: DraftSnapshot, entityId: number): number[] {
  const pinned = draft.lookup.get(entityId);
  if (!pinned || pinned.entity.kind === 'block') return [];
  return readContainer(pinned).children.flatMap((child) =>
    draft.lookup.has(child) ? [child, ...listDescendants(draft, child)] : [],
  );
}

/** A readable key unique in the package: `section-k3x9q2ab`. */
export function generateEntityKey(draft: DraftSnapshot, kind: Exclude<EntityKind, 'course'>): string {
  for (;;) {
    const suffix = [...randomBytes(8)].map((byte) => (byte % 36).toString(36)).join('');
    const key = `${kind}-${suffix}`;
    if (!draft.usedKeys.has(key)) {
      draft.usedKeys.add(key);
      return key;
    }
  }
}

/** A position out of range lands at the nearest end. */
export function insertAt<T>(list: readonly T[], item: T, position: number | undefined): T[] {
  const index = position === undefined ? list.length : Math.min(Math.max(position, 0), list.length);
  return [...list.slice(0, index), item, ...list.slice(index)];
}

/** Entity keys chosen by the caller (an imported package keeps its keys). */
export const entityKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1–100 letters, digits, dots, dashes or underscores')
  .refine((key) => key !== 'root', 'is reserved');

function claimEntityKey(draft: DraftSnapshot, key: string): string {
  if (draft.usedKeys.has(key)) throw conflict('entity.key_taken', `The key "${key}" is already used in this course.`);
  draft.usedKeys.add(key);
  return key;
}

export async function createDraftEntity(
  work: DraftEdit,
  kind: Exclude<EntityKind, 'course'>,
  data: unknown,
  key?: string,
): Promise<PinnedEntity> {
  const entity: Entity = await createEntity(work.tx, {
    packageId: work.draft.course.packageId,
    key: key === undefined ? generateEntityKey(work.draft, kind) : claimEntityKey(work.draft, key),
    kind,
    ...work.stamp,
  });
  const version = await createNextVersion(work.tx, { entityId: entity.id, data, ...work.stamp });
  const pinned = { entity, version };
  work.draft.lookup.set(entity.id, pinned);
  work.draft.byKey.set(entity.key, pinned);
  return pinned;
}

/** Replaces the children of the root or of a container with a new version (never an update). */
export async function writeChildren(work: DraftEdit, parentId: number, children: number[]): Promise<void> {
  const { draft } = work;
  if (parentId === draft.course.rootEntityId) {
    draft.root = { ...draft.root, children };
    await writeDraftRoot(work.tx, draft.course, draft.root, work.stamp);
    return;
  }
  const parent = draft.lookup.get(parentId);
  if (!parent) throw notFound('entity');
  await writeContainer(work, parent, { ...readContainer(parent), children });
}

export async function writeContainer(
  work: DraftEdit,
  pinned: PinnedEntity,
  data: ContainerData,
): Promise<PinnedEntity> {
  const version = await createNextVersion(work.tx, { entityId: pinned.entity.id, data, ...work.stamp });
  const next = { entity: pinned.entity, version };
  work.draft.lookup.set(pinned.entity.id, next);
  work.draft.byKey.set(pinned.entity.key, next);
  return next;
}

export function childrenOf(draft: DraftSnapshot, parentId: number): number[] {
  if (parentId === draft.course.rootEntityId) return draft.root.children;
  const parent = draft.lookup.get(parentId);
  return parent ? readContainer(parent).children : [];
}
