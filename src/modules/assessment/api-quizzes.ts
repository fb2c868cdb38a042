/** Quiz attempts: start, autosave, submit, mark, reveal, receipts. */
export { MAX_TEXT_ANSWER, validateAnswers } from './answers.ts';
export { getQuizAttempt, saveQuizAnswers, startQuizAttempt } from './attempts.ts';
export { quizDueAt, readQuizWindow, type QuizWindow } from './due.ts';
export { QUESTION_ORDER, type AttemptLayout } from './layout.ts';
export { getQuizForLearner } from './learner-quiz.ts';
export { computeMaxScore, isAnswerCorrect, markAttempt, normaliseText } from './marking.ts';
export type {
  AttemptSummary,
  CorrectAnswer,
  LearnerAttempt,
  LearnerQuestion,
  LearnerQuiz,
  LearnerQuizView,
  QuizStatus,
  RevealedResult,
  SubmissionOutcome,
} from './quiz-model.ts';
export { canonicalJson, hashAnswers, type Receipt } from './receipts.ts';
export { decideReveal, type RevealDecision } from './reveal.ts';
export { listQuizStatuses } from './statuses.ts';
export { submitQuizAttempt } from './submit.ts';
