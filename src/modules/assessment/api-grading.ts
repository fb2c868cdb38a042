/** Course grades under the run's policy, progress, gradebook, overrides, recompute, course.passed. */
export {
  computeCourseGrade,
  listGradedQuizzes,
  listReleaseQuizzes,
  quizMaxScore,
  roundGrade,
  type CourseGradeResult,
  type GradeBreakdownEntry,
  type GradeInput,
  type ReleaseQuiz,
} from './course-grade.ts';
export { refreshCourseGrade } from './course-grade-refresh.ts';
export { COURSE_PASSED_TOPIC, coursePassedDedupeKey } from './passed.ts';
export { getProgress, type LearnerProgress, type ProgressGroup, type ProgressQuiz } from './grades-progress.ts';
export {
  GRADEBOOK_PAGE_SIZE,
  GRADEBOOK_STATUSES,
  getGradebook,
  gradebookQuerySchema,
  type Gradebook,
  type GradebookQuery,
  type GradebookQuiz,
  type GradebookRow,
  type GradebookStatus,
} from './gradebook.ts';
export {
  CSV_BATCH_SIZE,
  ENGLISH_CSV_LABELS,
  streamGradebookCsv,
  toCsvCell,
  type GradebookCsv,
  type GradebookCsvLabels,
} from './gradebook-csv.ts';
export { overrideGrade, overrideInputSchema, type OverrideInput, type OverrideResult } from './override.ts';
export { RECOMPUTE_BATCH_SIZE, recomputeAllGrades, recomputeRunGrades, type RecomputeCounts } from './recompute.ts';
