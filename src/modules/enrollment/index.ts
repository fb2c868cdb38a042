/** Enrollment: people in course runs (table `enr_enrollment`, seat counts in `enr_run_seats`). */
export { ENROLLMENT_MODES, ENROLLMENT_SOURCES, ENROLLMENT_STATUSES } from './schema.ts';
export type { Enrollment, EnrollmentMode, EnrollmentSource, EnrollmentStatus, LearnerRun } from './model.ts';
export {
  findMyEnrollment,
  notEnrolled,
  requireLearnerRun,
  requirePublicRun,
  requireStaffRun,
  selectEnrollment,
} from './core.ts';
export * from './api-enroll.ts';
export * from './api-export.ts';
