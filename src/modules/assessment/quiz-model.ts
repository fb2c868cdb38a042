import type { QuestionKind, QuizBlock, RevealPolicy } from '../courses/index.ts';
import type { QuizWindow } from './due.ts';
import type { Receipt } from './receipts.ts';
import type { RevealDecision } from './reveal.ts';
import type { StoredAnswers } from './schema.ts';

/** Where a learner stands with one quiz, for outlines, unit cards and the quiz page. */
export type QuizStatus = {
  /** Submitted attempts. */
  attemptsUsed: number;
  attemptsAllowed: number | null;
  bestScore: number | null;
  maxScore: number;
  dueAt: Date | null;
  hasOpenAttempt: boolean;
  canStart: boolean;
};

/** A question as a learner may see it: built from an allow-list, never by removing fields. */
export type LearnerQuestion = {
  id: string;
  kind: QuestionKind;
  /** Markdown. */
  prompt: string;
  points: number;
  /** Empty for numeric and short text questions. */
  choices: Array<{ id: string; text: string }>;
};

/** The quiz itself, without its questions, as its intro shows it. */
export type LearnerQuiz = {
  entityId: number;
  key: string;
  uuid: string;
  title: string;
  mode: QuizBlock['mode'];
  assignmentType: string;
  attemptsAllowed: number | null;
  reveal: RevealPolicy;
  dueAt: Date | null;
  questionCount: number;
  maxScore: number;
  unit: { key: string; title: string };
};

/** The right answer of a question, shown only once the reveal policy allows it. */
export type CorrectAnswer =
  | { kind: 'choices'; choiceIds: string[] }
  | { kind: 'number'; value: number; tolerance: number }
  | { kind: 'text'; acceptedAnswers: string[] };

/** The marking of one question with everything behind it. */
export type RevealedResult = {
  questionId: string;
  points: number;
  maxPoints: number;
  correct: boolean;
  correctAnswer: CorrectAnswer;
  /** Markdown: the feedback of each choice the learner picked that has some. */
  feedback: string[];
  /** Markdown. */
  explanation: string;
};

/** An attempt as its learner sees it. `results` is null unless `reveal.revealed`. */
export type LearnerAttempt = {
  uuid: string;
  number: number;
  status: 'in_progress' | 'submitted';
  startedAt: Date;
  savedAt: Date | null;
  submittedAt: Date | null;
  /** The saved draft while in progress; the submitted answers afterwards. */
  answers: StoredAnswers;
  /** In the order this attempt shows them. */
  questions: LearnerQuestion[];
  score: number | null;
  maxScore: number | null;
  receipt: Receipt | null;
  reveal: RevealDecision;
  results: RevealedResult[] | null;
};

export type AttemptSummary = {
  uuid: string;
  number: number;
  submittedAt: Date;
  score: number;
  maxScore: number;
  revealed: boolean;
};

/** Everything the quiz page needs. */
export type LearnerQuizView = {
  quiz: LearnerQuiz;
  status: QuizStatus;
  window: QuizWindow;
  /** When a scheduled run has not started yet, the moment its quizzes open. */
  opensAt: Date | null;
  openAttempt: LearnerAttempt | null;
  /** Submitted attempts, newest first. */
  attempts: AttemptSummary[];
  reveal: RevealPolicy;
};

/** What submitting returns: the receipt, the attempt as the learner may see it, and whether it was a retry. */
export type SubmissionOutcome = { receipt: Receipt; attempt: LearnerAttempt; replayed: boolean };
