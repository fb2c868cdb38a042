/** Institutions: alliance members, their people and roles, invitations. */
export { listActorMemberships, listMembershipsOfUser, peekActorMemberships } from './memberships.ts';
export { INSTITUTION_ROLES, INSTITUTION_TYPES, MEMBERSHIP_STATUSES, type LocalizedText } from './schema.ts';
export { localize } from './localize.ts';
export {
  PUBLIC_STATUSES,
  canCreateInstitution,
  canManageInstitution,
  canSeeAllInstitutions,
  canSetMembershipStatus,
  canViewInstitution,
  isMemberOf,
  isPublicStatus,
  isSecretariat,
} from './policies.ts';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './queries.ts';
export {
  createInstitution,
  getInstitutionById,
  getInstitutionByKey,
  hasAnyInstitution,
  listInstitutions,
  listInstitutionsByIds,
  readDirectoryVersion,
  setMembershipStatus,
  summarizeAlliance,
  updateInstitutionProfile,
} from './service.ts';
export { addMember, changeMemberRoles, listInstitutionPeople, removeMember } from './service-people.ts';
export {
  INVITATION_LIFETIME_DAYS,
  acceptInvitation,
  getInvitationByToken,
  inviteMember,
  listInvitations,
  revokeInvitation,
  stateOfInvitation,
  type InvitationMailComposer,
} from './service-invitations.ts';
export { institutionKeySchema, type NewInstitution, type NewInvitation, type ProfileChanges } from './validation.ts';
export type {
  AllianceSummary,
  DirectoryFilter,
  DirectoryPage,
  Institution,
  InstitutionPerson,
  InstitutionRole,
  InstitutionType,
  InvitationPreview,
  InvitationState,
  InvitationSummary,
  MembershipStatus,
} from './types.ts';
