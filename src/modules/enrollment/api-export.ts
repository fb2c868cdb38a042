/** A learner's enrollments for their data export, and what the other learner modules' exports build on. */
export {
  describeContent,
  describeRun,
  exportLearnerEnrollments,
  indexEnrollmentsForExport,
  loadEnrollmentsForExport,
  type EnrollmentForExport,
  type ExportContent,
  type ExportedContentRef,
  type ExportedEnrollment,
  type ExportedRunRef,
} from './export-data.ts';
