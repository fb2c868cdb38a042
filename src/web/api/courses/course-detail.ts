import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  getCourseAccess,
  getDraftTree,
  getReleaseTree,
  listCourseRuns,
  type CourseRun,
  type CourseTree,
  type LoadedCourse,
} from '../../../modules/courses/index.ts';
import { serviceContextOf } from '../guards.ts';
import { presentSyllabus, syllabusSchema } from './schemas-content.ts';
import {
  metadataSchema,
  ownerSchema,
  pickText,
  presentMetadata,
  presentOwner,
  presentRun,
  runSchema,
} from './schemas.ts';

export const courseDetailSchema = z
  .object({
    key: z.string(),
    uuid: z.uuid(),
    draft: z
      .boolean()
      .describe('True when the course was never published: only its team sees it, as the draft stands.'),
    displayTitle: z.string().describe('The title in the language of the request, falling back to English.'),
    metadata: metadataSchema,
    owners: z.array(ownerSchema).describe('Every owning institution, the lead first.'),
    joint: z.boolean().describe('True when more than one institution owns the course.'),
    syllabus: syllabusSchema.describe('Section and unit titles, in order.'),
    runs: z.array(runSchema).describe('Every run, the earliest start first.'),
  })
  .describe('A course as its public page shows it.');

function presentCourseDetail(request: FastifyRequest, course: LoadedCourse, tree: CourseTree, runs: CourseRun[]) {
  return {
    key: course.key,
    uuid: course.uuid,
    draft: tree.side === 'draft',
    displayTitle: pickText(tree.metadata.title, request.locale),
    metadata: presentMetadata(tree.metadata),
    owners: course.owners.map((owner) => presentOwner(owner, request.locale)),
    joint: course.owners.length > 1,
    syllabus: presentSyllabus(tree),
    runs: runs.map(presentRun),
  };
}

/**
 * The latest release of a course, or its draft for the team of a course never published. A
 * course nobody may see answers 404 exactly like one that does not exist.
 */
export async function loadCourseDetail(request: FastifyRequest, key: string) {
  const ctx = serviceContextOf(request);
  const { course } = await getCourseAccess(ctx, key);
  const { db } = request.server.platform;
  if (course.latestReleaseId === null) {
    return presentCourseDetail(request, course, await getDraftTree(ctx, key), []);
  }
  const tree = await getReleaseTree(db, course.latestReleaseId);
  return presentCourseDetail(request, course, tree, await listCourseRuns(db, course.id));
}
