import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, notFound } from '../../platform/errors/index.ts';
import { listUserProfiles } from '../identity/index.ts';
import { forgetTeamRoles, lockCourse, parseCourseInput, requireCourse, type LoadedCourse } from './core.ts';
import type { TeamMember, TeamRole } from './model.ts';
import { crsTeamMember, TEAM_ROLES } from './schema.ts';
import { auditCourse } from './team-shared.ts';

export const teamRoleSchema = z.enum(TEAM_ROLES, { error: `must be one of ${TEAM_ROLES.join(', ')}` });

const ROLE_ORDER: Record<TeamRole, number> = { lead_instructor: 0, instructor: 1, author: 2, teaching_assistant: 3 };

type TeamRow = typeof crsTeamMember.$inferSelect;

async function selectTeamRows(executor: Executor, courseId: number): Promise<TeamRow[]> {
  return executor.select().from(crsTeamMember).where(eq(crsTeamMember.courseId, courseId));
}

/** The team with names and addresses, lead instructors first. Errors: not_found, forbidden. */
export async function listTeam(ctx: ServiceContext, courseKey: string): Promise<TeamMember[]> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'view_draft');
  const rows = await selectTeamRows(ctx.db, course.id);
  const profiles = new Map(
    (
      await listUserProfiles(
        ctx.db,
        rows.map((row) => row.userId),
      )
    ).map((profile) => [profile.id, profile]),
  );
  return rows
    .map((row) => ({
      userId: row.userId,
      name: profiles.get(row.userId)?.name ?? '',
      email: profiles.get(row.userId)?.email ?? '',
      institutionId: row.institutionId,
      role: row.role,
    }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name));
}

/** Locks the course and loads one member; the caller's transaction then decides. */
async function lockMember(tx: Executor, course: LoadedCourse, userId: string): Promise<TeamRow[]> {
  await lockCourse(tx, course.id);
  const rows = await selectTeamRows(tx, course.id);
  if (!rows.some((row) => row.userId === userId)) throw notFound('team_member');
  return rows;
}

/** A course always keeps a lead instructor: someone must be able to publish and manage it. */
function assertKeepsLead(rows: readonly TeamRow[], userId: string, nextRole: TeamRole | null): void {
  const leadsAfter = rows.filter((row) =>
    row.userId === userId ? nextRole === 'lead_instructor' : row.role === 'lead_instructor',
  ).length;
  if (leadsAfter === 0) {
    throw conflict(
      'team.last_lead',
      'A course needs at least one lead instructor: make someone else lead instructor first.',
    );
  }
}

/** Errors: not_found (course or member), forbidden, invalid, conflict 'team.last_lead'. */
export async function changeTeamRole(
  ctx: ServiceContext,
  courseKey: string,
  userId: string,
  role: TeamRole,
): Promise<void> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_team');
  const nextRole = parseCourseInput(teamRoleSchema, role, 'team.invalid');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await lockMember(tx, course, userId);
    const member = rows.find((row) => row.userId === userId)!;
    if (member.role === nextRole) return;
    assertKeepsLead(rows, userId, nextRole);
    await tx
      .update(crsTeamMember)
      .set({ role: nextRole })
      .where(and(eq(crsTeamMember.courseId, course.id), eq(crsTeamMember.userId, userId)));
    forgetTeamRoles(course.id);
    await auditCourse(tx, ctx, course, {
      action: 'course.team_role_changed',
      objectType: 'course_team_member',
      objectId: `${course.id}:${userId}`,
      before: { userId, role: member.role },
      after: { userId, role: nextRole },
      at: now,
    });
  });
}

/** Errors: not_found (course or member), forbidden, conflict 'team.last_lead'. */
export async function removeTeamMember(ctx: ServiceContext, courseKey: string, userId: string): Promise<void> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_team');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await lockMember(tx, course, userId);
    const member = rows.find((row) => row.userId === userId)!;
    assertKeepsLead(rows, userId, null);
    await tx.delete(crsTeamMember).where(and(eq(crsTeamMember.courseId, course.id), eq(crsTeamMember.userId, userId)));
    forgetTeamRoles(course.id);
    await auditCourse(tx, ctx, course, {
      action: 'course.team_member_removed',
      objectType: 'course_team_member',
      objectId: `${course.id}:${userId}`,
      before: { userId, role: member.role, institutionId: member.institutionId },
      at: now,
    });
  });
}
