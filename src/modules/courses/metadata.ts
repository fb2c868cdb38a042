import type { ServiceContext } from '../../platform/access/index.ts';
import { lockCourse, parseCourseInput, readDraftRoot, requireCourse, writeDraftRoot } from './core.ts';
import { courseMetadataSchema, type CourseMetadata, type CourseMetadataInput } from './model.ts';
import { actingUserId } from './team-shared.ts';

/**
 * Writes the course description as the next draft version of the root, keeping the section
 * order; learners see it after the next publish. Errors: not_found, forbidden, invalid 'course.invalid'.
 */
export async function updateCourseMetadata(
  ctx: ServiceContext,
  courseKey: string,
  metadata: CourseMetadataInput,
): Promise<void> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'edit_content');
  const data = parseCourseInput(courseMetadataSchema, metadata, 'course.invalid');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockCourse(tx, course.id);
    const root = await readDraftRoot(tx, course);
    await writeDraftRoot(tx, course, { metadata: data, children: root.children }, { by: actingUserId(ctx), at: now });
  });
}

/** The description as the draft has it. Errors: not_found, forbidden. */
export async function getDraftMetadata(ctx: ServiceContext, courseKey: string): Promise<CourseMetadata> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'view_draft');
  return (await readDraftRoot(ctx.db, course)).metadata;
}
