import { and, eq, isNull, max } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, invalid, notFound } from '../../platform/errors/index.ts';
import { getInstitutionById, isPublicStatus } from '../institutions/index.ts';
import {
  createCourseCache,
  lockCourse,
  readCapabilities,
  requireCourse,
  selectCourse,
  type LoadedCourse,
} from './core.ts';
import type { CourseCapability } from './policies.ts';
import { crsOwner, crsTeamInvitation, crsTeamMember } from './schema.ts';
import { auditCourse } from './team-shared.ts';
import { notifyCourseChanged } from './events.ts';

const publishedCourses = createCourseCache<LoadedCourse | null>({
  courseIdOf: (course) => course?.id ?? null,
  isStorable: (course) => course?.latestReleaseId != null,
});

/**
 * A course with its owners, or null. Holds no access rule: callers decide what to show. Every
 * learner request reads it, so outside a transaction a published course comes from the course
 * cache (frozen; `updatedAt` may be a few seconds old). Writes load with `requireCourse`.
 */
export async function getCourseByKey(executor: Executor, key: string): Promise<LoadedCourse | null> {
  return publishedCourses.read(executor, key, () => selectCourse(executor, { key }));
}

export async function getCourseById(executor: Executor, id: number): Promise<LoadedCourse | null> {
  return selectCourse(executor, { id });
}

/**
 * The course and what the actor may do with it. A course never published is not found for
 * anyone without a role in it, so its existence does not leak. Errors: not_found.
 */
export async function getCourseAccess(
  ctx: ServiceContext,
  courseKey: string,
): Promise<{ course: LoadedCourse; capabilities: Set<CourseCapability> }> {
  const course = await selectCourse(ctx.db, { key: courseKey });
  if (!course) throw notFound('course');
  const capabilities = await readCapabilities(ctx, course);
  if (capabilities.size === 0 && course.latestReleaseId === null) throw notFound('course');
  return { course, capabilities };
}

/**
 * Adds a member institution of the alliance as a partner owner. Errors: not_found, forbidden,
 * invalid 'course.partner_not_member', conflict 'course.already_owner'.
 */
export async function addPartnerInstitution(
  ctx: ServiceContext,
  courseKey: string,
  institutionId: number,
): Promise<LoadedCourse> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_team');
  const institution = await getInstitutionById(ctx.db, institutionId);
  if (!institution || !isPublicStatus(institution.membershipStatus)) {
    throw invalid('course.partner_not_member', `Institution ${institutionId} is not a member of the alliance.`);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockCourse(tx, course.id);
    const existing = await tx
      .select({ role: crsOwner.role })
      .from(crsOwner)
      .where(and(eq(crsOwner.courseId, course.id), eq(crsOwner.institutionId, institutionId)));
    if (existing.length > 0) {
      throw conflict('course.already_owner', `${institution.key} already owns this course.`);
    }
    const [last] = await tx
      .select({ position: max(crsOwner.position) })
      .from(crsOwner)
      .where(eq(crsOwner.courseId, course.id));
    await tx.insert(crsOwner).values({
      courseId: course.id,
      institutionId,
      role: 'partner',
      position: (last?.position ?? 0) + 1,
      addedAt: now,
    });
    await auditCourse(tx, ctx, course, {
      action: 'course.partner_added',
      after: { institutionId, institutionKey: institution.key },
      at: now,
    });
    await notifyCourseChanged(tx, { courseId: course.id, kind: 'owners' });
  });
  return (await selectCourse(ctx.db, { id: course.id }))!;
}

/**
 * Removes a partner owner and revokes the team invitations made for it. The lead institution
 * stays, and a partner still teaching (team members teaching for it) stays until they leave or
 * move. Errors: not_found, forbidden, conflict 'course.lead_not_removable', 'course.partner_has_team'.
 */
export async function removePartnerInstitution(
  ctx: ServiceContext,
  courseKey: string,
  institutionId: number,
): Promise<LoadedCourse> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_team');
  const owner = course.owners.find((entry) => entry.institutionId === institutionId);
  if (!owner) throw notFound('course_owner');
  if (owner.role === 'lead') {
    throw conflict('course.lead_not_removable', 'The lead institution cannot be removed from its course.');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockCourse(tx, course.id);
    const teaching = await tx
      .select({ userId: crsTeamMember.userId })
      .from(crsTeamMember)
      .where(and(eq(crsTeamMember.courseId, course.id), eq(crsTeamMember.institutionId, institutionId)));
    if (teaching.length > 0) {
      throw conflict(
        'course.partner_has_team',
        `${owner.key} still has ${teaching.length} team member(s) teaching for it; remove them from the team first.`,
      );
    }
    await tx.delete(crsOwner).where(and(eq(crsOwner.courseId, course.id), eq(crsOwner.institutionId, institutionId)));
    await tx
      .update(crsTeamInvitation)
      .set({ revokedAt: now })
      .where(
        and(
          eq(crsTeamInvitation.courseId, course.id),
          eq(crsTeamInvitation.institutionId, institutionId),
          isNull(crsTeamInvitation.acceptedAt),
          isNull(crsTeamInvitation.revokedAt),
        ),
      );
    await auditCourse(tx, ctx, course, {
      action: 'course.partner_removed',
      before: { institutionId, institutionKey: owner.key },
      at: now,
    });
    await notifyCourseChanged(tx, { courseId: course.id, kind: 'owners' });
  });
  return (await selectCourse(ctx.db, { id: course.id }))!;
}
