/** A learner's attempts and grades for their data export. */
export { exportLearnerAssessment, type ExportedAssessment, type ExportedAttempt } from './export-data.ts';
