/** Identity: accounts, sign-in (Better Auth), profiles, the secretariat role and API tokens. */
export { createAuth, type Auth, type AccountMailComposer } from './auth.ts';
export {
  authenticateApiToken,
  createAccount,
  createApiToken,
  findUserByEmail,
  getUserProfile,
  listApiTokens,
  revokeApiToken,
  setPlatformRole,
  updateCurrentProfile,
  type ApiTokenSummary,
  type NewAccount,
  type ProfileChanges,
  type UserProfile,
} from './service.ts';
