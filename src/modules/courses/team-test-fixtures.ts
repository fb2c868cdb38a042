import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { createEntity, createNextVersion, listPublishedStates, publishDrafts } from '../publishing/index.ts';
import { readDraftRoot, writeDraftRoot, type LoadedCourse } from './core.ts';
import type { Block } from './model.ts';
import { crsCourse, crsRelease } from './schema.ts';

/*
 * Test fixtures for the team-side services, which need releases and draft content but must not
 * wait for the content services: they write the same rows the publish service writes.
 */

function collectManifest(states: Awaited<ReturnType<typeof listPublishedStates>>, rootId: number) {
  const byId = new Map(states.map((state) => [state.entity.id, state]));
  const manifest: Record<string, number> = {};
  const visit = (entityId: number) => {
    const version = byId.get(entityId)?.version;
    if (!version) return;
    manifest[String(entityId)] = version.id;
    const children = (version.data as { children?: number[] }).children ?? [];
    children.forEach(visit);
  };
  visit(rootId);
  return manifest;
}

/** Publishes the whole draft as the course's next release. */
export async function publishForTest(db: Database, course: LoadedCourse, at: Date) {
  return db.transaction(async (tx) => {
    const log = await publishDrafts(tx, { packageId: course.packageId, message: 'test', by: null, at });
    if (!log) throw new Error('nothing to publish');
    const manifest = collectManifest(await listPublishedStates(tx, course.packageId), course.rootEntityId);
    const [last] = await tx
      .select({ number: sql<number>`coalesce(max(${crsRelease.number}), 0)`.mapWith(Number) })
      .from(crsRelease)
      .where(eq(crsRelease.courseId, course.id));
    const [release] = await tx
      .insert(crsRelease)
      .values({
        courseId: course.id,
        number: (last?.number ?? 0) + 1,
        publishLogId: log.id,
        manifest,
        summary: { added: {}, changed: {}, removed: {}, blocks: [] },
        publishedAt: at,
        publishedBy: null,
      })
      .returning();
    await tx.update(crsCourse).set({ latestReleaseId: release!.id }).where(eq(crsCourse.id, course.id));
    return release!;
  });
}

/** Adds a section with one unit holding `block` to the draft. */
export async function addBlockForTest(db: Database, course: LoadedCourse, block: Block, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const stamp = { by: null, at };
    const make = async (kind: string, data: unknown) => {
      const entity = await createEntity(tx, {
        packageId: course.packageId,
        key: `${kind}-${Math.random().toString(36).slice(2, 10)}`,
        kind,
        ...stamp,
      });
      await createNextVersion(tx, { entityId: entity.id, data, ...stamp });
      return entity.id;
    };
    const blockId = await make('block', block);
    const unitId = await make('unit', { title: 'Unit', children: [blockId] });
    const sectionId = await make('section', { title: 'Section', children: [unitId] });
    const root = await readDraftRoot(tx, course);
    await writeDraftRoot(tx, course, { ...root, children: [...root.children, sectionId] }, stamp);
  });
}
