import { invalid } from '../../platform/errors/index.ts';
import type { Entity, EntityState, Version } from '../publishing/index.ts';
import {
  blockSchema,
  containerDataSchema,
  rootDataSchema,
  type ContainerData,
  type CourseTree,
  type RootData,
  type TreeBlock,
  type TreeSection,
  type TreeUnit,
} from './model.ts';

/** An entity together with the version one side shows; entities without a version are absent there. */
export type PinnedEntity = { entity: Entity; version: Version };

/** The entities of one side (draft or release) by entity id. */
export type EntityLookup = ReadonlyMap<number, PinnedEntity>;

export function toLookup(states: readonly EntityState[]): Map<number, PinnedEntity> {
  const lookup = new Map<number, PinnedEntity>();
  for (const state of states)
    if (state.version) lookup.set(state.entity.id, { entity: state.entity, version: state.version });
  return lookup;
}

function corrupt(what: string): never {
  throw invalid('course.corrupt', `The course content is damaged: ${what}.`);
}

export function readRoot(pinned: PinnedEntity | undefined): RootData {
  if (!pinned) corrupt('the course root has no version');
  const parsed = rootDataSchema.safeParse(pinned.version.data);
  return parsed.success ? parsed.data : corrupt(`root version ${pinned.version.id}`);
}

export function readContainer(pinned: PinnedEntity): ContainerData {
  const parsed = containerDataSchema.safeParse(pinned.version.data);
  return parsed.success ? parsed.data : corrupt(`${pinned.entity.kind} version ${pinned.version.id}`);
}

/** Children that exist on this side and have the expected kind, in their stored order. */
function pickChildren(lookup: EntityLookup, ids: readonly number[], kind: string): PinnedEntity[] {
  return ids.map((id) => lookup.get(id)).filter((child): child is PinnedEntity => child?.entity.kind === kind);
}

export function toTreeBlock(pinned: PinnedEntity): TreeBlock {
  const parsed = blockSchema.safeParse(pinned.version.data);
  if (!parsed.success) corrupt(`block version ${pinned.version.id}`);
  return {
    entityId: pinned.entity.id,
    key: pinned.entity.key,
    uuid: pinned.entity.uuid,
    versionId: pinned.version.id,
    versionNum: pinned.version.versionNum,
    block: parsed.data,
  };
}

export function toTreeUnit(lookup: EntityLookup, pinned: PinnedEntity): TreeUnit {
  const data = readContainer(pinned);
  return {
    entityId: pinned.entity.id,
    key: pinned.entity.key,
    uuid: pinned.entity.uuid,
    versionId: pinned.version.id,
    title: data.title,
    blocks: pickChildren(lookup, data.children, 'block').map(toTreeBlock),
  };
}

export function toTreeSection(lookup: EntityLookup, pinned: PinnedEntity): TreeSection {
  const data = readContainer(pinned);
  return {
    entityId: pinned.entity.id,
    key: pinned.entity.key,
    uuid: pinned.entity.uuid,
    versionId: pinned.version.id,
    title: data.title,
    units: pickChildren(lookup, data.children, 'unit').map((unit) => toTreeUnit(lookup, unit)),
  };
}

/** Builds the whole tree in memory from entities already loaded (no query per node). */
export function assembleTree(
  lookup: EntityLookup,
  where: { courseId: number; rootEntityId: number; side: CourseTree['side']; releaseId: number | null },
): CourseTree {
  const root = readRoot(lookup.get(where.rootEntityId));
  return {
    courseId: where.courseId,
    side: where.side,
    releaseId: where.releaseId,
    metadata: root.metadata,
    sections: pickChildren(lookup, root.children, 'section').map((section) => toTreeSection(lookup, section)),
  };
}

/** The root and every entity reachable from it: entity id → version id (what a release pins). */
export function collectManifest(lookup: EntityLookup, rootEntityId: number): Record<string, number> {
  const manifest: Record<string, number> = {};
  const visit = (id: number, kind: string): void => {
    const pinned = lookup.get(id);
    if (!pinned || pinned.entity.kind !== kind || String(id) in manifest) return;
    manifest[String(id)] = pinned.version.id;
    if (kind === 'block') return;
    const children = kind === 'course' ? readRoot(pinned).children : readContainer(pinned).children;
    const childKind = kind === 'course' ? 'section' : kind === 'section' ? 'unit' : 'block';
    for (const child of children) visit(child, childKind);
  };
  visit(rootEntityId, 'course');
  return manifest;
}
