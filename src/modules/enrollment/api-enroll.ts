/** Enrolling, unenrolling, bulk enrollment and listings. */
export { enrollInRun, enrollSelf, leaveRun, unenrollFromRun, type EnrollmentChange } from './enroll.ts';
export {
  MAX_BULK_EMAILS,
  bulkEnroll,
  type BulkEnrollmentFailure,
  type BulkEnrollmentReport,
  type BulkFailureReason,
} from './bulk.ts';
export { isPlausibleEmail, normaliseEmail, readEmailText } from './emails.ts';
export {
  ENROLLMENT_STATUS_FILTERS,
  listMyEnrollments,
  listMyRunEnrollments,
  type EnrollmentStatusFilter,
  type MyEnrollment,
} from './listing.ts';
export {
  LEARNERS_PAGE_SIZE,
  learnerQuerySchema,
  listRunLearners,
  type LearnerQuery,
  type RunLearner,
  type RunLearnerPage,
} from './learners.ts';
export { countActiveLearners, seatsLeft } from './seats.ts';
export { readEnrollmentWindow, type EnrollmentWindow } from './window.ts';
