import { hasInstitutionRole, type Actor } from '../../platform/access/index.ts';
import type { MembershipStatus } from './types.ts';

/** Who may do what with institutions: one rule per line, decided from the actor alone. */
export const PUBLIC_STATUSES: readonly MembershipStatus[] = ['member', 'founding_member'];

export const isSecretariat = (actor: Actor | null): boolean => !!actor?.isSecretariat;
export const isSignedInPerson = (actor: Actor | null): actor is Actor => !!actor && actor.via !== 'system';
export const isPublicStatus = (status: MembershipStatus): boolean => PUBLIC_STATUSES.includes(status);
export const canCreateInstitution = (actor: Actor | null): boolean => isSecretariat(actor);
export const canSetMembershipStatus = (actor: Actor | null): boolean => isSecretariat(actor);
export const canSeeAllInstitutions = (actor: Actor | null): boolean => isSecretariat(actor);
export const canManageInstitution = (actor: Actor | null, institutionId: number): boolean =>
  isSecretariat(actor) || hasInstitutionRole(actor, institutionId, 'admin');
export const isMemberOf = (actor: Actor | null, institutionId: number): boolean =>
  !!actor?.memberships.some((membership) => membership.institutionId === institutionId);
export const canViewInstitution = (
  actor: Actor | null,
  institution: { id: number; membershipStatus: MembershipStatus },
): boolean => isPublicStatus(institution.membershipStatus) || isSecretariat(actor) || isMemberOf(actor, institution.id);
