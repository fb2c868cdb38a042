import type { LearnerRun } from '../enrollment/index.ts';
import type { ActivityRef, LearningAction, StatementResult, VerbName } from '../records/index.ts';
import type { LearnerQuizContext } from './quiz-context.ts';
import type { QuestionResult, StoredAnswers } from './schema.ts';

function quizActivity(context: LearnerQuizContext): ActivityRef {
  return { kind: 'quiz', ref: context.block.uuid, name: context.quiz.title, language: context.learner.run.language };
}

function unitActivity(context: LearnerQuizContext): ActivityRef {
  return { kind: 'unit', ref: context.unit.uuid, name: context.unit.title, language: context.learner.run.language };
}

/**
 * The context of a learner's actions within `parent`. Actions of one moment pass the same object,
 * so the record store writes what their statements share once.
 */
function contextIn(learner: LearnerRun, parent: ActivityRef): LearningAction['context'] {
  return {
    runId: learner.run.id,
    runUuid: learner.run.uuid,
    registration: learner.enrollment.uuid,
    courseKey: learner.course.key,
    language: learner.run.language,
    parent,
  };
}

function action(
  learner: LearnerRun,
  verb: VerbName,
  object: ActivityRef,
  context: LearningAction['context'],
  at: Date,
  result?: StatementResult,
): LearningAction {
  return { userId: learner.enrollment.userId, verb, object, ...(result ? { result } : {}), context, at };
}

/** 'attempted' on the quiz, when an attempt starts. */
export function buildStartStatements(context: LearnerQuizContext, at: Date): LearningAction[] {
  return [
    action(context.learner, 'attempted', quizActivity(context), contextIn(context.learner, unitActivity(context)), at),
  ];
}

function describeResponse(answer: StoredAnswers[string] | undefined): string | undefined {
  if (answer === undefined) return undefined;
  return Array.isArray(answer) ? answer.join('[,]') : String(answer);
}

function scoreOf(raw: number, max: number): NonNullable<StatementResult['score']> {
  return { raw, min: 0, max, ...(max > 0 ? { scaled: Math.round((raw / max) * 1e6) / 1e6 } : {}) };
}

/**
 * On submit: 'answered' per question (ref `<quiz uuid>.<question id>`), 'scored' for the quiz and,
 * unless courseware already wrote it for a first completion, 'completed' for the quiz. Learners
 * read their own statements, so per-question success and points go in only when the reveal
 * policy already shows them (`revealed`); the quiz's score is always shown anyway.
 */
export function buildSubmitStatements(
  context: LearnerQuizContext,
  marking: { results: QuestionResult[]; score: number; maxScore: number },
  answers: StoredAnswers,
  options: { completedByCourseware: boolean; revealed: boolean; at: Date },
): LearningAction[] {
  const quiz = quizActivity(context);
  const { learner } = context;
  const inQuiz = contextIn(learner, quiz);
  const inUnit = contextIn(learner, unitActivity(context));
  const answered = marking.results.map((result) => {
    const response = describeResponse(
      Object.hasOwn(answers, result.questionId) ? answers[result.questionId] : undefined,
    );
    const question: ActivityRef = { kind: 'question', ref: `${context.block.uuid}.${result.questionId}` };
    const outcome: StatementResult = {
      ...(options.revealed ? { success: result.correct, score: scoreOf(result.points, result.maxPoints) } : {}),
      ...(response === undefined ? {} : { response }),
    };
    return action(
      learner,
      'answered',
      question,
      inQuiz,
      options.at,
      Object.keys(outcome).length > 0 ? outcome : undefined,
    );
  });
  const summary = { score: scoreOf(marking.score, marking.maxScore), completion: true };
  return [
    ...answered,
    action(learner, 'scored', quiz, inUnit, options.at, summary),
    ...(options.completedByCourseware ? [] : [action(learner, 'completed', quiz, inUnit, options.at, summary)]),
  ];
}
