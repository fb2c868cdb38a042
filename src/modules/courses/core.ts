import { and, eq, inArray, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { createHotPathCache, freezeDeep, scopeKeyOf } from '../../platform/cache/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors/index.ts';
import { listInstitutionsByIds } from '../institutions/index.ts';
import { createNextVersion, getDraftVersion } from '../publishing/index.ts';
import { rootDataSchema, type Course, type CourseOwner, type RootData, type TeamRole } from './model.ts';
import { registerCourseChangeListener } from './events.ts';
import { listCourseCapabilities, type CourseCapability } from './policies.ts';
import { crsCourse, crsOwner, crsTeamMember } from './schema.ts';

type CourseRow = typeof crsCourse.$inferSelect;

/** A course row with what access decisions need; services pass it between helpers. */
export type LoadedCourse = Course & { packageId: number; rootEntityId: number };

/** The owners of each course, the lead first: two queries, whatever the number of courses and owners. */
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
  const institutions = new Map(
    (await listInstitutionsByIds(executor, [...new Set(rows.map((row) => row.institutionId))])).map((institution) => [
      institution.id,
      institution,
    ]),
  );
  for (const row of rows) {
    const institution = institutions.get(row.institutionId);
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

/*
 * Courses and runs are read on every learner request and change rarely, only through this
 * module, which tells its course change listeners. Those run inside the writing transaction,
 * before it commits, so a course cache also refuses to keep that course's values for a moment
 * after (COURSE_CHANGE_SETTLE_MS) rather than keep what a reader saw just before the commit.
 * Other processes see a change within the hot-path TTL (ADR 0021).
 */
const COURSE_CHANGE_SETTLE_MS = 2_000;

export type CourseCache<V> = { read(executor: Executor, key: string, load: () => Promise<V>): Promise<V> };

/** Reads inside a transaction always load: a write must see the rows it locks, not a copy. */
export function createCourseCache<V>(options: {
  courseIdOf: (value: V) => number | null;
  isStorable: (value: V) => boolean;
}): CourseCache<V> {
  const cache = createHotPathCache<V>({
    maxEntries: 20_000,
    isStorable: options.isStorable,
    settleMs: COURSE_CHANGE_SETTLE_MS,
  });
  let listening = false;
  return {
    async read(executor, key, load) {
      if (executor instanceof PgTransaction) return load();
      if (!listening) {
        listening = true;
        registerCourseChangeListener(async (_tx, change) => {
          cache.invalidate((value) => options.courseIdOf(value) === change.courseId);
        });
      }
      return cache.getOrLoad(`${scopeKeyOf(executor)}|${key}`, async () => freezeDeep(await load()));
    },
  };
}

export async function selectTeamRole(executor: Executor, courseId: number, userId: string): Promise<TeamRole | null> {
  const rows = await executor
    .select({ role: crsTeamMember.role })
    .from(crsTeamMember)
    .where(and(eq(crsTeamMember.courseId, courseId), eq(crsTeamMember.userId, userId)));
  return rows[0]?.role ?? null;
}

/*
 * Every staff-aware learner page asks for the reader's team role, nearly always to hear "none".
 * Answers, "none" included, are kept per course and person for the hot-path TTL; team writes
 * forget the course's answers, and the settling time covers a reader who read before the commit.
 */
const teamRoles = createHotPathCache<{ courseId: number; role: TeamRole | null }>({
  maxEntries: 50_000,
  settleMs: COURSE_CHANGE_SETTLE_MS,
});

/** A person's role on a course team; outside a transaction from the hot-path cache. */
export async function readTeamRole(executor: Executor, courseId: number, userId: string): Promise<TeamRole | null> {
  if (executor instanceof PgTransaction) return selectTeamRole(executor, courseId, userId);
  const { role } = await teamRoles.getOrLoad(`${scopeKeyOf(executor)}|${courseId}|${userId}`, async () =>
    freezeDeep({ courseId, role: await selectTeamRole(executor, courseId, userId) }),
  );
  return role;
}

/** Every write to a course's team calls this, inside or after its transaction. */
export function forgetTeamRoles(courseId: number): void {
  teamRoles.invalidate((entry) => entry.courseId === courseId);
}

export async function readCapabilities(ctx: ServiceContext, course: LoadedCourse): Promise<Set<CourseCapability>> {
  const teamRole = ctx.actor ? await readTeamRole(ctx.db, course.id, ctx.actor.userId) : null;
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
