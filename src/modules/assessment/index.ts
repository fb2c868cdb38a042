/** Assessment: quiz attempts graded on the server, course grades, gradebook (tables `asm_*`). */
export { ATTEMPT_STATUSES, type QuestionResult, type StoredAnswers } from './schema.ts';
export * from './api-quizzes.ts';
export * from './api-grading.ts';
export * from './api-export.ts';
