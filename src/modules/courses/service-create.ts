import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { conflict, forbidden, invalid, unauthenticated } from '../../platform/errors/index.ts';
import { getInstitutionById, isPublicStatus } from '../institutions/index.ts';
import { createEntity, createNextVersion, createPackage } from '../publishing/index.ts';
import { forgetTeamRoles, parseCourseInput, selectCourse, type LoadedCourse } from './core.ts';
import { courseKeySchema, courseMetadataSchema, type RootData } from './model.ts';
import { canCreateCourseFor } from './policies.ts';
import { crsCourse, crsOwner, crsTeamMember } from './schema.ts';

export const newCourseSchema = z.strictObject({
  key: courseKeySchema,
  leadInstitutionId: z.number().int().positive(),
  partnerInstitutionIds: z.array(z.number().int().positive()).max(20).default([]),
  metadata: courseMetadataSchema,
});
export type NewCourse = z.input<typeof newCourseSchema>;

/**
 * Starts a course led by one institution, optionally with partners; the creator becomes its
 * lead instructor. Errors: unauthenticated, forbidden (not an instructor or admin of the lead),
 * invalid (fields, unknown or non-member partner), conflict 'course.key_taken'.
 */
export async function createCourse(ctx: ServiceContext, input: NewCourse): Promise<LoadedCourse> {
  if (!ctx.actor) throw unauthenticated();
  const actor = ctx.actor;
  const data = parseCourseInput(newCourseSchema, input, 'course.invalid');
  if (!canCreateCourseFor(actor, data.leadInstitutionId)) throw forbidden();
  const partnerIds = [...new Set(data.partnerInstitutionIds)].filter((id) => id !== data.leadInstitutionId);
  for (const id of partnerIds) {
    const partner = await getInstitutionById(ctx.db, id);
    if (!partner || !isPublicStatus(partner.membershipStatus)) {
      throw invalid('course.invalid', `partnerInstitutionIds: institution ${id} is not a member of the alliance`, {
        fields: [{ field: 'partnerInstitutionIds', message: `institution ${id} is not a member of the alliance` }],
      });
    }
  }
  const now = ctx.clock.now();
  const stamp = { by: actor.userId, at: now };
  try {
    const courseId = await ctx.db.transaction(async (tx) => {
      const pkg = await createPackage(tx, `course-${randomUUID()}`, now);
      const root = await createEntity(tx, { packageId: pkg.id, key: 'root', kind: 'course', ...stamp });
      const rootData: RootData = { metadata: data.metadata, children: [] };
      await createNextVersion(tx, { entityId: root.id, data: rootData, ...stamp });
      const [row] = await tx
        .insert(crsCourse)
        .values({
          key: data.key,
          packageId: pkg.id,
          rootEntityId: root.id,
          leadInstitutionId: data.leadInstitutionId,
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
        })
        .returning();
      const id = row!.id;
      await tx.insert(crsOwner).values([
        { courseId: id, institutionId: data.leadInstitutionId, role: 'lead', position: 0, addedAt: now },
        ...partnerIds.map((institutionId, index) => ({
          courseId: id,
          institutionId,
          role: 'partner' as const,
          position: index + 1,
          addedAt: now,
        })),
      ]);
      await tx.insert(crsTeamMember).values({
        courseId: id,
        userId: actor.userId,
        institutionId: data.leadInstitutionId,
        role: 'lead_instructor',
        addedAt: now,
        addedBy: actor.userId,
      });
      forgetTeamRoles(id);
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'course.created',
        objectType: 'course',
        objectId: id,
        institutionId: data.leadInstitutionId,
        after: { key: data.key, lead: data.leadInstitutionId, partners: partnerIds },
        at: now,
      });
      return id;
    });
    return (await selectCourse(ctx.db, { id: courseId }))!;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('course.key_taken', `The course key "${data.key}" is already taken.`);
    throw error;
  }
}
