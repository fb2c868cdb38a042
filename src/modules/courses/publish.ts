import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, invalid, notFound } from '../../platform/errors/index.ts';
import { listDraftStates, publishDrafts, resetDraftsToPublished } from '../publishing/index.ts';
import { lockCourse, parseCourseInput, requireCourse, selectCourse, type LoadedCourse } from './core.ts';
import type { Release } from './model.ts';
import { computePendingRelease, findMissingMedia, type PendingRelease } from './publish-changes.ts';
import { toReleases, type ReleaseRow } from './release-store.ts';
import { crsCourse, crsRelease } from './schema.ts';
import { notifyCourseChanged } from './events.ts';

export type CoursePublishedListener = (tx: Executor, courseId: number, releaseId: number) => Promise<void>;

const publishedListeners: CoursePublishedListener[] = [];

/**
 * Lets another module react to a publish inside the publishing transaction (a catalog entry,
 * a feed). A listener that throws undoes the publish. Returns a function that unregisters it.
 */
export function registerCoursePublishedListener(listener: CoursePublishedListener): () => void {
  publishedListeners.push(listener);
  return () => {
    const index = publishedListeners.indexOf(listener);
    if (index >= 0) publishedListeners.splice(index, 1);
  };
}

const publishInputSchema = z.strictObject({
  message: z.string().trim().max(2000, 'must be at most 2000 characters').default(''),
});

/** Re-reads the course after the lock, so a publish that waited sees the release before it. */
async function reloadLocked(tx: Executor, course: LoadedCourse): Promise<LoadedCourse> {
  await lockCourse(tx, course.id);
  const fresh = await selectCourse(tx, { id: course.id });
  if (!fresh) throw notFound('course');
  return fresh;
}

async function nextReleaseNumber(tx: Executor, courseId: number): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number>`coalesce(max(${crsRelease.number}), 0)`.mapWith(Number) })
    .from(crsRelease)
    .where(eq(crsRelease.courseId, courseId));
  return (row?.max ?? 0) + 1;
}

async function assertMediaPresent(tx: Executor, course: LoadedCourse, pending: PendingRelease): Promise<void> {
  const problems = await findMissingMedia(tx, course, pending);
  if (problems.length === 0) return;
  const fields = problems.map((problem) => ({ field: problem.key, message: problem.message }));
  const message = fields.map((field) => `${field.field}: ${field.message}`).join('; ');
  throw invalid('course.missing_media', message, { problems, fields });
}

async function insertRelease(
  tx: Executor,
  course: LoadedCourse,
  input: { logId: number; pending: PendingRelease; by: string | null; at: Date },
): Promise<ReleaseRow> {
  const [row] = await tx
    .insert(crsRelease)
    .values({
      courseId: course.id,
      number: await nextReleaseNumber(tx, course.id),
      publishLogId: input.logId,
      manifest: input.pending.manifest,
      summary: input.pending.summary,
      publishedAt: input.at,
      publishedBy: input.by,
    })
    .returning();
  return row!;
}

/**
 * Publishes the draft as the next release: pins the root and everything reachable from it,
 * records what changed, and points the course at it. Errors: not_found (course), forbidden
 * (no publish), conflict 'course.nothing_to_publish', invalid 'course.missing_media'
 * (details.problems lists each block and media id).
 */
export async function publishCourse(
  ctx: ServiceContext,
  courseKey: string,
  input: { message?: string },
): Promise<Release> {
  const { course: seen } = await requireCourse(ctx, { key: courseKey }, 'publish');
  const data = parseCourseInput(publishInputSchema, input, 'release.invalid');
  const by = ctx.actor?.userId ?? null;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const course = await reloadLocked(tx, seen);
    const pending = await computePendingRelease(tx, course, await listDraftStates(tx, course.packageId));
    if (!pending.hasChanges) throw conflict('course.nothing_to_publish', 'Nothing changed since the last release.');
    await assertMediaPresent(tx, course, pending);
    const log = await publishDrafts(tx, { packageId: course.packageId, message: data.message, by, at });
    if (!log) throw conflict('course.nothing_to_publish', 'Nothing changed since the last release.');
    const release = await insertRelease(tx, course, { logId: log.id, pending, by, at });
    await tx.update(crsCourse).set({ latestReleaseId: release.id, updatedAt: at }).where(eq(crsCourse.id, course.id));
    await recordAudit(tx, {
      actorId: by,
      action: 'course.published',
      objectType: 'course',
      objectId: course.id,
      institutionId: course.leadInstitutionId,
      after: { releaseId: release.id, number: release.number, message: data.message, summary: pending.summary },
      at,
    });
    for (const listener of [...publishedListeners]) await listener(tx, course.id, release.id);
    await notifyCourseChanged(tx, { courseId: course.id, kind: 'published' });
    const [published] = await toReleases(tx, course.packageId, [release]);
    return published!;
  });
}

/**
 * Throws the draft away: every entity goes back to its version in the latest release, and what
 * was never released leaves the draft. Errors: not_found (course), forbidden (no edit_content),
 * conflict 'course.never_published'.
 */
export async function revertDraft(ctx: ServiceContext, courseKey: string): Promise<void> {
  const { course: seen } = await requireCourse(ctx, { key: courseKey }, 'edit_content');
  const by = ctx.actor?.userId ?? null;
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const course = await reloadLocked(tx, seen);
    if (course.latestReleaseId === null) {
      throw conflict('course.never_published', 'The course has no release to go back to.');
    }
    const reverted = await resetDraftsToPublished(tx, course.packageId);
    await tx.update(crsCourse).set({ updatedAt: at }).where(eq(crsCourse.id, course.id));
    await recordAudit(tx, {
      actorId: by,
      action: 'course.draft_reverted',
      objectType: 'course',
      objectId: course.id,
      institutionId: course.leadInstitutionId,
      after: { releaseId: course.latestReleaseId, entities: reverted },
      at,
    });
  });
}
