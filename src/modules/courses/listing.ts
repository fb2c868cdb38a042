import { and, count, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { LocalizedText } from '../institutions/index.ts';
import { getVersionsByIds } from '../publishing/index.ts';
import { readDraftRoot, toLoadedCourses, type LoadedCourse } from './core.ts';
import { rootDataSchema, type CourseMetadata, type CourseOwner, type TeamRole } from './model.ts';
import { crsCourse, crsOwner, crsRelease, crsTeamMember } from './schema.ts';
import { requirePerson } from './team-shared.ts';

/** A course as the studio lists it for someone who works on it. */
export type StaffCourseSummary = {
  id: number;
  uuid: string;
  key: string;
  /** From the draft: what the team is working on. */
  title: LocalizedText;
  owners: CourseOwner[];
  leadInstitutionId: number;
  /** The actor's role on the team, or null when they see it only as an admin of an owner. */
  teamRole: TeamRole | null;
  /** Owning institutions where the actor is an admin. */
  adminOf: number[];
  latestReleaseId: number | null;
  latestReleaseNumber: number | null;
  updatedAt: Date;
};

/** A published course on an institution's public page. */
export type CourseListing = {
  id: number;
  uuid: string;
  key: string;
  owners: CourseOwner[];
  /** How the listed institution owns the course. */
  institutionRole: 'lead' | 'partner';
  /** From the latest release: what learners see. */
  metadata: CourseMetadata;
  title: LocalizedText;
  releaseId: number;
  releaseNumber: number;
  publishedAt: Date;
};

async function selectReleases(executor: Executor, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, typeof crsRelease.$inferSelect>();
  const rows = await executor
    .select()
    .from(crsRelease)
    .where(inArray(crsRelease.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Courses the signed-in person works on: those whose team they are on, and every course of an
 * institution they administer; recently changed first. Errors: unauthenticated.
 */
export async function listMyCourses(ctx: ServiceContext): Promise<StaffCourseSummary[]> {
  const actor = requirePerson(ctx);
  const adminInstitutionIds = actor.memberships.filter((m) => m.role === 'admin').map((m) => m.institutionId);
  const teamRows = await ctx.db
    .select({ courseId: crsTeamMember.courseId, role: crsTeamMember.role })
    .from(crsTeamMember)
    .where(eq(crsTeamMember.userId, actor.userId));
  const ownedRows =
    adminInstitutionIds.length === 0
      ? []
      : await ctx.db
          .select({ courseId: crsOwner.courseId })
          .from(crsOwner)
          .where(inArray(crsOwner.institutionId, adminInstitutionIds));
  const ids = [...new Set([...teamRows, ...ownedRows].map((row) => row.courseId))];
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(crsCourse)
    .where(inArray(crsCourse.id, ids))
    .orderBy(desc(crsCourse.updatedAt));
  const courses = await toLoadedCourses(ctx.db, rows);
  const releases = await selectReleases(
    ctx.db,
    courses.flatMap((course) => (course.latestReleaseId === null ? [] : [course.latestReleaseId])),
  );
  const roles = new Map(teamRows.map((row) => [row.courseId, row.role]));
  return Promise.all(
    courses.map(async (course) => ({
      id: course.id,
      uuid: course.uuid,
      key: course.key,
      title: (await readDraftRoot(ctx.db, course)).metadata.title,
      owners: course.owners,
      leadInstitutionId: course.leadInstitutionId,
      teamRole: roles.get(course.id) ?? null,
      adminOf: course.owners.map((o) => o.institutionId).filter((id) => adminInstitutionIds.includes(id)),
      latestReleaseId: course.latestReleaseId,
      latestReleaseNumber:
        course.latestReleaseId === null ? null : (releases.get(course.latestReleaseId)?.number ?? null),
      updatedAt: course.updatedAt,
    })),
  );
}

/** The released description of each course, read from the root version its latest release pins. */
async function readReleasedMetadata(
  executor: Executor,
  courses: readonly LoadedCourse[],
  releases: ReadonlyMap<number, typeof crsRelease.$inferSelect>,
): Promise<Map<number, CourseMetadata>> {
  const rootVersionIds = new Map<number, number>();
  for (const course of courses) {
    const versionId = releases.get(course.latestReleaseId!)?.manifest[String(course.rootEntityId)];
    if (versionId !== undefined) rootVersionIds.set(course.id, versionId);
  }
  const versions = new Map(
    (await getVersionsByIds(executor, [...rootVersionIds.values()])).map((version) => [version.id, version]),
  );
  const metadata = new Map<number, CourseMetadata>();
  for (const [courseId, versionId] of rootVersionIds) {
    const parsed = rootDataSchema.safeParse(versions.get(versionId)?.data);
    if (parsed.success) metadata.set(courseId, parsed.data.metadata);
  }
  return metadata;
}

const MAX_LISTED = 500;

function ownedAndPublished(institutionId: number) {
  return and(eq(crsOwner.institutionId, institutionId), isNotNull(crsCourse.latestReleaseId));
}

/** How many published courses the institution owns, as lead or partner. */
export async function countInstitutionCourses(executor: Executor, institutionId: number): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(crsCourse)
    .innerJoin(crsOwner, eq(crsOwner.courseId, crsCourse.id))
    .where(ownedAndPublished(institutionId));
  return row?.total ?? 0;
}

/**
 * Published courses the institution owns, as lead or partner, most recently published first;
 * at most `limit` (default 500) of them, the newest releases first.
 */
export async function listInstitutionCourses(
  executor: Executor,
  institutionId: number,
  options: { limit?: number } = {},
): Promise<CourseListing[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? MAX_LISTED), 1), MAX_LISTED);
  const rows = await executor
    .select({ course: crsCourse })
    .from(crsCourse)
    .innerJoin(crsOwner, eq(crsOwner.courseId, crsCourse.id))
    .where(ownedAndPublished(institutionId))
    .orderBy(desc(crsCourse.latestReleaseId))
    .limit(limit);
  const courses = await toLoadedCourses(
    executor,
    rows.map((row) => row.course),
  );
  const releases = await selectReleases(
    executor,
    courses.map((course) => course.latestReleaseId!),
  );
  const metadata = await readReleasedMetadata(executor, courses, releases);
  return courses
    .flatMap((course): CourseListing[] => {
      const release = releases.get(course.latestReleaseId!);
      const released = metadata.get(course.id);
      const owner = course.owners.find((entry) => entry.institutionId === institutionId);
      if (!release || !released || !owner) return [];
      return [
        {
          id: course.id,
          uuid: course.uuid,
          key: course.key,
          owners: course.owners,
          institutionRole: owner.role,
          metadata: released,
          title: released.title,
          releaseId: release.id,
          releaseNumber: release.number,
          publishedAt: release.publishedAt,
        },
      ];
    })
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.releaseId - a.releaseId);
}
