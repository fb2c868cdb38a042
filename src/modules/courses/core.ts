import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors/index.ts';
import { getInstitutionById } from '../institutions/index.ts';
import { createNextVersion, getDraftVersion } from '../publishing/index.ts';
import { rootDataSchema, type Course, type CourseOwner, type RootData, type TeamRole } from './model.ts';
import { listCourseCapabilities, type CourseCapability } from './policies.ts';
import { crsCourse, crsOwner, crsTeamMember } from './schema.ts';

type CourseRow = typeof crsCourse.$inferSelect;

/** A course row with what access decisions need; services pass it between helpers. */
export type LoadedCourse = Course & { packageId: number; rootEntityId: number };

export async function selectOwners(
  executor: Executor,
  courseIds: readonly number[],
): Promise<Map<number, CourseOwner[]>> {
  const byCourse = new Map<number, CourseOwner[]>();
  if (courseIds.length === 0) return byCourse;
  const rows = await executor
    .select()
    .from(crsOwner)
    .where(inArray(crsOwner.courseId, [...courseIds]))
    .orderBy(sql`case when ${crsOwner.role} = 'lead' then 0 else 1 end`, crsOwner.position, crsOwner.institutionId);
  for (const row of rows) {
    const institution = await getInstitutionById(executor, row.institutionId);
    if (!institution) continue;
    const owners = byCourse.get(row.courseId) ?? [];
    owners.push({
      institutionId: institution.id,
      key: institution.key,
      name: institution.name,
      country: institution.country,
      role: row.role,
    });
    byCourse.set(row.courseId, owners);
  }
  return byCourse;
}

export async function toLoadedCourses(executor: Executor, rows: readonly CourseRow[]): Promise<LoadedCourse[]> {
  const owners = await selectOwners(
    executor,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    uuid: row.uuid,
    key: row.key,
    leadInstitutionId: row.leadInstitutionId,
    owners: owners.get(row.id) ?? [],
    latestReleaseId: row.latestReleaseId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    packageId: row.packageId,
    rootEntityId: row.rootEntityId,
  }));
}

export async function selectCourse(
  executor: Executor,
  where: { key: string } | { id: number } | { uuid: string },
): Promise<LoadedCourse | null> {
  const condition =
    'key' in where
      ? eq(crsCourse.key, where.key)
      : 'id' in where
        ? eq(crsCourse.id, where.id)
        : eq(crsCourse.uuid, where.uuid);
  const rows = await executor.select().from(crsCourse).where(condition);
  const [course] = await toLoadedCourses(executor, rows);
  return course ?? null;
}

export async function selectTeamRole(executor: Executor, courseId: number, userId: string): Promise<TeamRole | null> {
  const rows = await executor
    .select({ role: crsTeamMember.role })
    .from(crsTeamMember)
    .where(and(eq(crsTeamMember.courseId, courseId), eq(crsTeamMember.userId, userId)));
  return rows[0]?.role ?? null;
}

export async function readCapabilities(ctx: ServiceContext, course: LoadedCourse): Promise<Set<CourseCapability>> {
  const teamRole = ctx.actor ? await selectTeamRole(ctx.db, course.id, ctx.actor.userId) : null;
  return listCourseCapabilities(ctx.actor, {
    ownerInstitutionIds: course.owners.map((owner) => owner.institutionId),
    teamRole,
  });
}

/**
 * Loads a course for an action that needs `capability`. A course the actor may not see at all
 * (never published and no role in it) is reported as not found, so its existence does not leak.
 */
export async function requireCourse(
  ctx: ServiceContext,
  where: { key: string } | { id: number },
  capability: CourseCapability,
): Promise<{ course: LoadedCourse; capabilities: Set<CourseCapability> }> {
  const course = await selectCourse(ctx.db, where);
  if (!course) throw notFound('course');
  const capabilities = await readCapabilities(ctx, course);
  if (!capabilities.has(capability)) {
    if (capabilities.size === 0 && course.latestReleaseId === null) throw notFound('course');
    throw forbidden();
  }
  return { course, capabilities };
}

/** Serialises structural edits of one course: concurrent authors queue instead of losing a change. */
export async function lockCourse(tx: Executor, courseId: number): Promise<void> {
  await tx.execute(sql`select id from crs_course where id = ${courseId} for update`);
}

export async function readDraftRoot(executor: Executor, course: LoadedCourse): Promise<RootData> {
  const version = await getDraftVersion(executor, course.rootEntityId);
  if (!version) throw invalid('course.corrupt', 'The course has no draft.');
  return rootDataSchema.parse(version.data);
}

export async function writeDraftRoot(
  tx: Executor,
  course: LoadedCourse,
  data: RootData,
  stamp: { by: string | null; at: Date },
): Promise<void> {
  await createNextVersion(tx, { entityId: course.rootEntityId, data, by: stamp.by, at: stamp.at });
  await tx.update(crsCourse).set({ updatedAt: stamp.at }).where(eq(crsCourse.id, course.id));
}

/** Parses service input, turning zod issues into one `invalid` error listing every field (details.fields). */
export function parseCourseInput<Output>(schema: z.ZodType<Output>, input: unknown, code: string): Output {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'input',
    message: issue.message,
  }));
  throw invalid(code, fields.map((entry) => `${entry.field}: ${entry.message}`).join('; '), { fields });
}
