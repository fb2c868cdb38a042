import type { Question, QuizBlock, TreeBlock, TreeUnit } from '../courses/index.ts';
import type { StoredAttempt } from './attempt-store.ts';
import { QUESTION_ORDER, orderByLayout, readLayoutOrder, type AttemptLayout } from './layout.ts';
import { computeMaxScore } from './marking.ts';
import type {
  AttemptSummary,
  CorrectAnswer,
  LearnerAttempt,
  LearnerQuestion,
  LearnerQuiz,
  RevealedResult,
} from './quiz-model.ts';
import { buildReceipt } from './receipts.ts';
import type { RevealDecision } from './reveal.ts';
import type { QuestionResult, StoredAnswers } from './schema.ts';

/*
 * Learner-facing quiz data is built here field by field from an allow-list. Correct flags,
 * accepted answers, numeric answers, feedback and explanations are copied only into
 * RevealedResult, and only when the reveal decision says so.
 */

export function presentQuestion(question: Question, choiceOrder?: readonly string[]): LearnerQuestion {
  const choices =
    question.kind === 'single_choice' || question.kind === 'multiple_choice'
      ? orderByLayout(question.choices, choiceOrder).map((choice) => ({ id: choice.id, text: choice.text }))
      : [];
  return { id: question.id, kind: question.kind, prompt: question.prompt, points: question.points, choices };
}

/** The questions in the order an attempt shows them. */
export function presentQuestions(quiz: QuizBlock, layout: AttemptLayout): LearnerQuestion[] {
  return orderByLayout(quiz.questions, readLayoutOrder(layout, QUESTION_ORDER)).map((question) =>
    presentQuestion(question, readLayoutOrder(layout, question.id)),
  );
}

export function presentQuiz(unit: TreeUnit, block: TreeBlock, quiz: QuizBlock, dueAt: Date | null): LearnerQuiz {
  return {
    entityId: block.entityId,
    key: block.key,
    uuid: block.uuid,
    title: quiz.title,
    mode: quiz.mode,
    assignmentType: quiz.assignmentType,
    attemptsAllowed: quiz.attemptsAllowed,
    reveal: quiz.reveal,
    dueAt,
    questionCount: quiz.questions.length,
    maxScore: computeMaxScore(quiz),
    unit: { key: unit.key, title: unit.title },
  };
}

function correctAnswerOf(question: Question): CorrectAnswer {
  switch (question.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return { kind: 'choices', choiceIds: question.choices.filter((choice) => choice.correct).map((c) => c.id) };
    case 'numeric':
      return { kind: 'number', value: question.answer, tolerance: question.tolerance };
    case 'short_text':
      return { kind: 'text', acceptedAnswers: [...question.acceptedAnswers] };
  }
}

function feedbackOf(question: Question, answer: StoredAnswers[string] | undefined): string[] {
  if (question.kind !== 'single_choice' && question.kind !== 'multiple_choice') return [];
  const chosen = Array.isArray(answer) ? answer : [];
  return question.choices
    .filter((choice) => chosen.includes(choice.id) && choice.feedback.trim() !== '')
    .map((choice) => choice.feedback);
}

function revealResults(
  quiz: QuizBlock,
  results: readonly QuestionResult[],
  answers: StoredAnswers,
  order: readonly LearnerQuestion[],
): RevealedResult[] {
  const byId = new Map(quiz.questions.map((question) => [question.id, question]));
  const marked = new Map(results.map((result) => [result.questionId, result]));
  return order.flatMap((shown) => {
    const question = byId.get(shown.id);
    const result = marked.get(shown.id);
    if (!question || !result) return [];
    const answer = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    return [
      {
        questionId: question.id,
        points: result.points,
        maxPoints: result.maxPoints,
        correct: result.correct,
        correctAnswer: correctAnswerOf(question),
        feedback: feedbackOf(question, answer),
        explanation: question.explanation,
      },
    ];
  });
}

/** An attempt for its learner; the marking behind the score only when `reveal` allows it. */
export function presentAttempt(
  quiz: QuizBlock,
  quizUuid: string,
  attempt: StoredAttempt,
  reveal: RevealDecision,
): LearnerAttempt {
  const submitted = attempt.status === 'submitted';
  const answers = (submitted ? attempt.answers : attempt.draftAnswers) ?? {};
  const questions = presentQuestions(quiz, attempt.layout);
  const receipt =
    submitted && attempt.submittedAt && attempt.answersSha256
      ? buildReceipt({ ...attempt, submittedAt: attempt.submittedAt, answersSha256: attempt.answersSha256, quizUuid })
      : null;
  return {
    uuid: attempt.uuid,
    number: attempt.number,
    status: attempt.status,
    startedAt: attempt.startedAt,
    savedAt: attempt.savedAt,
    submittedAt: attempt.submittedAt,
    answers,
    questions,
    score: submitted ? attempt.score : null,
    maxScore: submitted ? attempt.maxScore : null,
    receipt,
    reveal,
    results: submitted && reveal.revealed ? revealResults(quiz, attempt.results ?? [], answers, questions) : null,
  };
}

export function summarizeAttempt(attempt: StoredAttempt, reveal: RevealDecision): AttemptSummary | null {
  if (attempt.status !== 'submitted' || !attempt.submittedAt) return null;
  return {
    uuid: attempt.uuid,
    number: attempt.number,
    submittedAt: attempt.submittedAt,
    score: attempt.score ?? 0,
    maxScore: attempt.maxScore ?? 0,
    revealed: reveal.revealed,
  };
}
