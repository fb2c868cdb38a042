import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { listUserProfiles } from '../identity/index.ts';
import type { LocalizedText } from '../institutions/index.ts';
import { selectOwners } from './core.ts';
import type { TeamRole } from './model.ts';
import { crsTeamMember } from './schema.ts';

/** Someone who teaches a course, as the public course page names them. */
export type PublicInstructor = {
  name: string;
  role: Extract<TeamRole, 'lead_instructor' | 'instructor'>;
  institution: { key: string; name: LocalizedText; country: string } | null;
};

const TEACHING_ROLES = ['lead_instructor', 'instructor'] as const;

/**
 * The instructors of a course, lead instructors first. Authors and teaching assistants work
 * behind the scenes and are not listed; e-mail addresses never leave the studio.
 */
export async function listPublicInstructors(executor: Executor, courseId: number): Promise<PublicInstructor[]> {
  const rows = await executor
    .select({ userId: crsTeamMember.userId, role: crsTeamMember.role, institutionId: crsTeamMember.institutionId })
    .from(crsTeamMember)
    .where(and(eq(crsTeamMember.courseId, courseId), inArray(crsTeamMember.role, [...TEACHING_ROLES])))
    .orderBy(asc(crsTeamMember.addedAt));
  if (rows.length === 0) return [];
  const [profiles, owners] = await Promise.all([
    listUserProfiles(
      executor,
      rows.map((row) => row.userId),
    ),
    selectOwners(executor, [courseId]),
  ]);
  const names = new Map(profiles.map((profile) => [profile.id, profile.name]));
  const byInstitution = new Map((owners.get(courseId) ?? []).map((owner) => [owner.institutionId, owner]));
  return rows
    .filter((row) => row.role === 'lead_instructor' || row.role === 'instructor')
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead_instructor' ? -1 : 1))
    .map((row) => {
      const owner = byInstitution.get(row.institutionId);
      return {
        name: names.get(row.userId) ?? '',
        role: row.role as PublicInstructor['role'],
        institution: owner ? { key: owner.key, name: owner.name, country: owner.country } : null,
      };
    })
    .filter((instructor) => instructor.name !== '');
}
