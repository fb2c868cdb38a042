import type { ServiceContext } from '../../platform/access/index.ts';
import { listDraftStates } from '../publishing/index.ts';
import { requireCourse } from './core.ts';
import type { Release, ReleaseSummary } from './model.ts';
import { computePendingRelease } from './publish-changes.ts';
import { selectReleaseRows, toReleases } from './release-store.ts';

/** The release history, newest first, each with a summary of what it changed. Errors: not_found, forbidden (no view_draft). */
export async function listReleases(ctx: ServiceContext, courseKey: string): Promise<Release[]> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'view_draft');
  return toReleases(ctx.db, course.packageId, await selectReleaseRows(ctx.db, course.id));
}

/** What publishing now would release, compared with the latest release. Errors: not_found, forbidden (no view_draft). */
export async function getPendingChanges(
  ctx: ServiceContext,
  courseKey: string,
): Promise<ReleaseSummary & { hasChanges: boolean }> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'view_draft');
  const pending = await computePendingRelease(ctx.db, course, await listDraftStates(ctx.db, course.packageId));
  return { ...pending.summary, hasChanges: pending.hasChanges };
}
