/**
 * Credentials: Open Badges 3.0 / W3C VC 2.0 signing and verification, DIDs, status lists.
 * Issuers' keys, issued credentials and status lists are stored in `cred_` tables.
 */
export {
  CLR_V2_CONTEXT,
  CanonicalizationError,
  OB_V3_CONTEXT,
  UnknownContextError,
  VC_V2_CONTEXT,
  canonicalizeRdfc,
  findUnknownContexts,
  isKnownContext,
  listKnownContexts,
  offlineDocumentLoader,
} from './contexts.ts';
export {
  DATA_INTEGRITY_PROOF,
  EDDSA_RDFC_2022,
  addEddsaRdfc2022Proof,
  createEddsaRdfc2022Proof,
  verifyDataIntegrityProofs,
  type DataIntegrityOptions,
  type DataIntegrityProof,
  type DataIntegrityResult,
  type ProofCheck,
  type ProofSigner,
} from './data-integrity.ts';
export {
  DID_CONTEXT_V1,
  DidError,
  MULTIKEY_CONTEXT_V1,
  buildDidKey,
  buildInstitutionDid,
  buildInstitutionDidDocument,
  didWebToUrl,
  renderJwks,
  resolveDidKey,
  splitDidUrl,
  verificationMethodId,
  type DidDocument,
  type InstitutionKey,
  type Jwks,
  type MultikeyVerificationMethod,
} from './did.ts';
export {
  KeyUnwrapError,
  MIN_KEY_ENCRYPTION_SECRET_LENGTH,
  createLocalKeyEncryption,
  type KeyEncryption,
} from './key-encryption.ts';
export {
  createKeyResolver,
  findVerificationKey,
  type DidDocumentLoader,
  type KeyResolver,
  type VerificationKey,
} from './key-resolver.ts';
export {
  KeyFormatError,
  exportPrivateJwk,
  exportPublicJwk,
  exportPublicMultikey,
  generateEd25519KeyPair,
  importPrivateJwk,
  importPublicJwk,
  importPublicMultikey,
  openPrivateKey,
  sealPrivateKey,
  type Ed25519KeyPair,
  type Ed25519PrivateJwk,
  type Ed25519PublicJwk,
} from './keys.ts';
export {
  EU_MICRO_CREDENTIALS_RECOMMENDATION,
  buildCourseCredential,
  buildEndorsement,
  buildIssuerProfile,
  type AssessmentType,
  type CourseCredentialInput,
  type CourseResultInput,
  type EndorsementInput,
  type FormOfParticipation,
  type IdentityVerification,
  type IssuerProfileInput,
  type LearningOutcome,
  type MicroCredentialElements,
} from './ob3-build.ts';
export {
  checkEndorsementCredential,
  checkOpenBadgeCredential,
  endorsementCredentialSchema,
  openBadgeCredentialSchema,
  type EndorsementCredential,
  type OpenBadgeCredential,
  type ShapeCheck,
} from './ob3-schema.ts';
export {
  MAX_STATUS_LIST_LENGTH,
  MIN_STATUS_LIST_LENGTH,
  StatusList,
  StatusListError,
  allocateStatusIndex,
  buildStatusListCredential,
  buildStatusListEntry,
  readStatusBit,
  type BitstringStatusListEntry,
  type BitstringStatusListSubject,
  type StatusListCredentialInput,
  type StatusPurpose,
} from './status-list.ts';
export {
  CredentialJwtError,
  JWT_ALGORITHM,
  signCredentialJwt,
  verifyCredentialJwt,
  type JwtVerificationOptions,
  type JwtVerificationResult,
} from './vc-jwt.ts';
export {
  issueCredential,
  verifyCredential,
  type CredentialVerificationOptions,
  type IssuedCredential,
} from './verify-credential.ts';
export { formatDateTime, type VerificationFailure, type VerificationFailureReason } from './verification.ts';
export {
  buildCredentialUrl,
  buildStatusListUrl,
  buildVerifyUrl,
  configureCredentials,
  readCredentialSettings,
  type CredentialSettings,
} from './settings.ts';
export {
  buildIssuerDid,
  getInstitutionDidDocument,
  listIssuerKeys,
  markIssuerKeyCompromised,
  rotateIssuerKey,
  type IssuerKeySummary,
} from './issuer-keys.ts';
export { getStatusListDocument } from './status-store.ts';
export {
  handleCoursePassedEvent,
  issueCourseCredential,
  type CoursePassFacts,
  type IssueOutcome,
} from './issue-course.ts';
export {
  canRevokeCredential,
  canViewCredential,
  getCredential,
  listCredentialsOfUser,
  listMyCredentials,
  revokeCredential,
  setCredentialVisibility,
  type CredentialSummary,
  type StoredCredential,
} from './credentials-store.ts';
export {
  VERIFICATION_STEPS,
  createPlatformKeyResolver,
  loadRemoteDidWebDocument,
  verifyPresentedCredential,
  verifyStoredCredential,
  type CredentialFacts,
  type StepOutcome,
  type VerificationReport,
  type VerificationStep,
  type VerificationStepId,
  type VerificationVerdict,
} from './verify-service.ts';
export { GuardedFetchError, fetchPublicJson, isNonPublicAddress } from './guarded-fetch.ts';
export { CREDENTIAL_KINDS } from './schema.ts';
export { buildPlatformDid, getPlatformDidDocument } from './issuer-keys.ts';
export {
  claimProgramCredential,
  createProgram,
  getProgramByKey,
  getProgramProgress,
  listPrograms,
  newProgramSchema,
  type NewProgram,
  type Program,
  type ProgramCourseProgress,
  type ProgramProgress,
} from './programs.ts';
export {
  PLATFORM_NAME,
  exportClrLearnerRecord,
  exportPlainLearnerRecord,
  type LearnerRecordFormat,
  type PlainLearnerRecord,
  type SignedLearnerRecord,
} from './learner-record.ts';
export { CertificateRenderError, renderCertificatePdf, type CertificateInput } from './render/certificate-pdf.ts';
export {
  BAKED_CREDENTIAL_KEYWORD,
  BadgePngError,
  bakePngBadge,
  readBakedCredential,
  renderBadgePng,
  type BadgeImageInput,
  type BadgePngProblem,
} from './render/baked-png.ts';
