import { hasInstitutionRole, type Actor } from '../../platform/access/index.ts';
import type { TeamRole } from './model.ts';

/**
 * One line per rule. Authors and instructors edit drafts; lead instructors also publish, manage
 * the team and the runs; teaching assistants read the draft; an admin of an owning institution
 * sees every course of it and may manage its team (so a course never loses its last lead), but
 * does not edit content; the secretariat reads everything. Learners' progress and grades are
 * seen by the team but authors (who write content, not teach), changed only by those who teach,
 * and owner admins may enroll people (a university enrolling its own students).
 */
export type CourseCapability =
  | 'view_draft'
  | 'edit_content'
  | 'publish'
  | 'manage_team'
  | 'manage_runs'
  | 'export'
  | 'view_learners'
  | 'enroll_learners'
  | 'grade';

const TEAM_CAPABILITIES: Record<TeamRole, readonly CourseCapability[]> = {
  lead_instructor: [
    'view_draft',
    'edit_content',
    'publish',
    'manage_team',
    'manage_runs',
    'export',
    'view_learners',
    'enroll_learners',
    'grade',
  ],
  instructor: ['view_draft', 'edit_content', 'manage_runs', 'export', 'view_learners', 'enroll_learners', 'grade'],
  author: ['view_draft', 'edit_content', 'export'],
  teaching_assistant: ['view_draft', 'view_learners', 'grade'],
};

const OWNER_ADMIN_CAPABILITIES: readonly CourseCapability[] = [
  'view_draft',
  'manage_team',
  'export',
  'view_learners',
  'enroll_learners',
];
const SECRETARIAT_CAPABILITIES: readonly CourseCapability[] = ['view_draft'];

/** What the policy needs to know about a course and the actor's place in it. */
export type CourseAccessFacts = { ownerInstitutionIds: readonly number[]; teamRole: TeamRole | null };

export function listCourseCapabilities(actor: Actor | null, facts: CourseAccessFacts): Set<CourseCapability> {
  const granted = new Set<CourseCapability>();
  if (!actor) return granted;
  if (facts.teamRole) TEAM_CAPABILITIES[facts.teamRole].forEach((c) => granted.add(c));
  if (facts.ownerInstitutionIds.some((id) => hasInstitutionRole(actor, id, 'admin'))) {
    OWNER_ADMIN_CAPABILITIES.forEach((c) => granted.add(c));
  }
  if (actor.isSecretariat) SECRETARIAT_CAPABILITIES.forEach((c) => granted.add(c));
  return granted;
}

export function canCourse(actor: Actor | null, facts: CourseAccessFacts, capability: CourseCapability): boolean {
  return listCourseCapabilities(actor, facts).has(capability);
}

/** Instructors and admins of an institution may start a course led by it. */
export function canCreateCourseFor(actor: Actor | null, institutionId: number): boolean {
  return hasInstitutionRole(actor, institutionId, 'instructor') || hasInstitutionRole(actor, institutionId, 'admin');
}

/** Whom a course team may take in: people of an owning institution with a teaching or admin role there. */
export function canJoinTeamFor(actor: Actor | null, institutionId: number): boolean {
  return canCreateCourseFor(actor, institutionId);
}
