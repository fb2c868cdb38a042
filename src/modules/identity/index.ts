/** Identity: accounts, sign-in (Better Auth), profiles, the secretariat role and API tokens. */
export { FORGOT_PASSWORD_PATH, createAuth, type AccountMailComposer, type AccountMailKind, type Auth } from './auth.ts';
export { findUserIdsByEmails, matchUserNameOrEmail } from './lookup.ts';
export { setSignUpPreferences, type SignUpPreferences } from './sign-up.ts';
export { findSessionUserId, getActorProfile, peekActorProfile, peekSessionUserId } from './viewer.ts';
export {
  authenticateApiToken,
  createAccount,
  createApiToken,
  findUserByEmail,
  getUserProfile,
  listApiTokens,
  listUserProfiles,
  revokeApiToken,
  setAccountSuspension,
  setPlatformRole,
  updateCurrentProfile,
  type ApiTokenSummary,
  type NewAccount,
  type ProfileChanges,
  type UserProfile,
} from './service.ts';
