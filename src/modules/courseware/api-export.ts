/** A learner's completions and progress for their data export. */
export { exportLearnerCourseware, type ExportedCourseware } from './export-data.ts';
