import type { Executor } from '../../platform/db/index.ts';
import { selectCourse, type LoadedCourse } from './core.ts';
import type { CourseMetadata, CourseRun } from './model.ts';
import { selectReleaseRow } from './release-store.ts';
import { listCourseRuns } from './runs.ts';
import { getReleaseTree } from './tree.ts';

/** Everything public about a published course, as consumers such as the catalog index it. */
export type PublishedCourseSource = {
  course: LoadedCourse;
  metadata: CourseMetadata;
  releaseId: number;
  releaseNumber: number;
  publishedAt: Date;
  runs: CourseRun[];
};

/** The latest release of a course with its runs; null when the course is unknown or never published. */
export async function getPublishedCourseSource(
  executor: Executor,
  courseId: number,
): Promise<PublishedCourseSource | null> {
  const course = await selectCourse(executor, { id: courseId });
  if (!course || course.latestReleaseId === null) return null;
  const release = await selectReleaseRow(executor, course.latestReleaseId);
  if (!release) return null;
  const [tree, runs] = await Promise.all([getReleaseTree(executor, release.id), listCourseRuns(executor, course.id)]);
  return {
    course,
    metadata: tree.metadata,
    releaseId: release.id,
    releaseNumber: release.number,
    publishedAt: release.publishedAt,
    runs,
  };
}

/** Ids of every published course, for rebuilding derived indexes. */
export { selectPublishedCourseIds as listPublishedCourseIds } from './catalog-source-queries.ts';
