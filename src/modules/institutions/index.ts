/** Institutions: alliance members, their people and roles, invitations. */
export { listMembershipsOfUser } from './memberships.ts';
export { INSTITUTION_ROLES, INSTITUTION_TYPES, MEMBERSHIP_STATUSES, type LocalizedText } from './schema.ts';
