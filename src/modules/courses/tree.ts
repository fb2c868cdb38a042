import type { ServiceContext } from '../../platform/access/index.ts';
import { createMemoryCache, type ReadCache } from '../../platform/cache/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { getEntitiesByIds, getVersionsByIds, listDraftStates } from '../publishing/index.ts';
import { requireCourse, selectCourse } from './core.ts';
import type { CourseTree } from './model.ts';
import { selectReleaseRow } from './release-store.ts';
import { assembleTree, toLookup, type PinnedEntity } from './tree-assemble.ts';

/**
 * The draft as authors see it. One query loads every entity of the course with its draft version;
 * the tree is assembled in memory. Errors: not_found (course), forbidden (no view_draft).
 */
export async function getDraftTree(ctx: ServiceContext, courseKey: string): Promise<CourseTree> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'view_draft');
  const lookup = toLookup(await listDraftStates(ctx.db, course.packageId));
  return assembleTree(lookup, {
    courseId: course.id,
    rootEntityId: course.rootEntityId,
    side: 'draft',
    releaseId: null,
  });
}

/*
 * Releases never change, so their trees are cached for as long as memory allows. One cache per
 * executor: a test database or a transaction never sees trees read through another one.
 */
const RELEASE_CACHE_SIZE = 200;
const releaseCaches = new WeakMap<Executor, ReadCache>();

function releaseCacheOf(executor: Executor): ReadCache {
  let cache = releaseCaches.get(executor);
  if (!cache) {
    cache = createMemoryCache({ ttlMs: Number.POSITIVE_INFINITY, maxEntries: RELEASE_CACHE_SIZE });
    releaseCaches.set(executor, cache);
  }
  return cache;
}

function freezeDeep<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) freezeDeep(inner);
  }
  return value;
}

async function loadReleaseTree(executor: Executor, releaseId: number): Promise<CourseTree> {
  const release = await selectReleaseRow(executor, releaseId);
  if (!release) throw notFound('release');
  const course = await selectCourse(executor, { id: release.courseId });
  if (!course) throw notFound('release');
  const versions = await getVersionsByIds(executor, Object.values(release.manifest));
  const entities = new Map(
    (await getEntitiesByIds(executor, Object.keys(release.manifest).map(Number))).map((e) => [e.id, e]),
  );
  const lookup = new Map<number, PinnedEntity>();
  for (const version of versions) {
    const entity = entities.get(version.entityId);
    if (entity) lookup.set(entity.id, { entity, version });
  }
  const tree = assembleTree(lookup, {
    courseId: course.id,
    rootEntityId: course.rootEntityId,
    side: 'release',
    releaseId,
  });
  return freezeDeep(tree);
}

/**
 * A release as learners see it. Public (a release is what a course publishes); cached per executor
 * because releases are immutable. The tree is frozen: copy it before changing anything.
 * Errors: not_found (release).
 */
export async function getReleaseTree(executor: Executor, releaseId: number): Promise<CourseTree> {
  return releaseCacheOf(executor).getOrLoad(`release:${releaseId}`, () => loadReleaseTree(executor, releaseId));
}

/** The latest release of a course; null when the course is unknown or has never been published. */
export async function getPublishedTree(executor: Executor, courseKey: string): Promise<CourseTree | null> {
  const course = await selectCourse(executor, { key: courseKey });
  if (!course || course.latestReleaseId === null) return null;
  return getReleaseTree(executor, course.latestReleaseId);
}
