/** Ownership, team, invitations, metadata, runs, media and listings of courses. */
export {
  addPartnerInstitution,
  getCourseAccess,
  getCourseById,
  getCourseByKey,
  removePartnerInstitution,
} from './owners.ts';
export { changeTeamRole, listTeam, removeTeamMember, teamRoleSchema } from './team.ts';
export {
  getTeamInvitationByToken,
  inviteToTeam,
  listMyTeamInvitations,
  listTeamInvitations,
  revokeTeamInvitation,
} from './invitations.ts';
export { acceptTeamInvitation, declineTeamInvitation } from './invitations-accept.ts';
export {
  TEAM_INVITATION_LIFETIME_DAYS,
  newTeamInvitationSchema,
  stateOfTeamInvitation,
  type NewTeamInvitation,
  type TeamInvitationMailComposer,
  type TeamInvitationState,
  type TeamInvitationSummary,
} from './invitations-shared.ts';
export { getDraftMetadata, updateCourseMetadata } from './metadata.ts';
export {
  RUN_GRADES_STALE_TOPIC,
  createRun,
  getRun,
  getRunById,
  readRunGradingPolicy,
  listCourseRuns,
  moveRunToRelease,
  updateRun,
} from './runs.ts';
export { newRunSchema, runChangesSchema, type NewRun, type RunChanges } from './runs-validation.ts';
export { MEDIA_IMAGE_WIDTH, getMediaForDownload, listMedia, uploadMedia, type MediaUpload } from './media.ts';
export {
  countInstitutionCourses,
  listInstitutionCourses,
  listMyCourses,
  type CourseListing,
  type StaffCourseSummary,
} from './listing.ts';
