import { z } from 'zod';
import { courseKeySchema, QUESTION_KINDS, REVEAL_POLICIES, runCodeSchema } from '../../../modules/courses/index.ts';
import {
  MAX_TEXT_ANSWER,
  type LearnerAttempt,
  type Receipt,
  type RevealedResult,
} from '../../../modules/assessment/index.ts';
import { entityKeySchema } from '../courses/schemas.ts';

/*
 * The quiz operations' shapes. Every response is an allow-list: a question has an id, a kind, a
 * prompt, points and choice texts, nothing more; correctness, right answers, feedback and
 * explanations exist only in the `revealed: true` branch of `reveal`, which the server sends
 * only when the quiz's reveal policy allows it.
 */

export const quizParamsSchema = z.strictObject({
  courseKey: courseKeySchema.describe('The course’s key, such as climate-data-101.'),
  runCode: runCodeSchema.describe('The run’s code, such as 2027-T1.'),
  blockKey: entityKeySchema.describe('The quiz block’s key.'),
});

export const attemptParamsSchema = quizParamsSchema.extend({
  attemptId: z.uuid('must be an attempt id (a UUID)').describe('The attempt’s id.'),
});

const answerValue = z.union([
  z.array(z.string().max(60)).max(26).describe('Choice ids (one for a single-choice question).'),
  z.number().describe('A numeric answer.'),
  z.string().max(MAX_TEXT_ANSWER).describe('A short text answer.'),
]);

export const answersSchema = z
  .record(z.string().max(60), answerValue)
  .describe('Answers keyed by question id; questions left out are unanswered.');

export const saveAnswersBodySchema = z.strictObject({ answers: answersSchema });

export const submissionBodySchema = z.strictObject({
  answers: answersSchema,
  idempotencyKey: z
    .string()
    .max(200)
    .optional()
    .describe('Same as the Idempotency-Key header; a retry with the same key returns the same receipt.'),
});

export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .max(200)
    .optional()
    .describe('A key of your choice (a UUID) per submission: a retry with the same key returns the same receipt.'),
});

const questionSchema = z.object({
  id: z.string(),
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string().describe('Markdown.'),
  points: z.number(),
  choices: z.array(z.object({ id: z.string(), text: z.string() })).describe('Empty for numeric and text questions.'),
});

export const receiptSchema = z
  .object({
    submissionId: z.uuid().describe('The attempt’s id.'),
    quizId: z.uuid().describe('The quiz block’s uuid.'),
    attemptNumber: z.number().int(),
    receivedAt: z.iso.datetime().describe('When the server received the submission.'),
    answersSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 (hex) of the answers as canonical JSON (keys sorted, no spaces).'),
  })
  .describe('Proof of a submission: the same submission always has the same receipt.');

const correctAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choices'), choiceIds: z.array(z.string()) }),
  z.object({ kind: z.literal('number'), value: z.number(), tolerance: z.number() }),
  z.object({ kind: z.literal('text'), acceptedAnswers: z.array(z.string()) }),
]);

const revealedResultSchema = z.object({
  questionId: z.string(),
  points: z.number(),
  maxPoints: z.number(),
  correct: z.boolean(),
  correctAnswer: correctAnswerSchema,
  feedback: z.array(z.string()).describe('Markdown feedback of the choices picked.'),
  explanation: z.string().describe('Markdown.'),
});

const revealSchema = z
  .discriminatedUnion('revealed', [
    z.object({
      revealed: z.literal(false),
      policy: z.enum(REVEAL_POLICIES),
      revealsAt: z.iso.datetime().nullable().describe('When the marking will be shown, if that is known.'),
    }),
    z.object({
      revealed: z.literal(true),
      policy: z.enum(REVEAL_POLICIES),
      results: z.array(revealedResultSchema),
    }),
  ])
  .describe('The marking behind the score, only once the quiz’s reveal policy allows it.');

export const attemptSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(['in_progress', 'submitted']),
  startedAt: z.iso.datetime(),
  savedAt: z.iso.datetime().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  answers: answersSchema.describe('The saved draft while in progress; the submitted answers afterwards.'),
  questions: z.array(questionSchema).describe('In the order this attempt shows them.'),
  score: z.number().nullable(),
  maxScore: z.number().nullable(),
  percent: z.number().nullable(),
  receipt: receiptSchema.nullable(),
  reveal: revealSchema,
});

export const savedAnswersSchema = z.object({ savedAt: z.iso.datetime(), answers: answersSchema });

export const submissionSchema = z.object({ receipt: receiptSchema, attempt: attemptSchema });

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentReceipt(receipt: Receipt): z.infer<typeof receiptSchema> {
  return { ...receipt };
}

function presentResult(result: RevealedResult): z.infer<typeof revealedResultSchema> {
  return {
    questionId: result.questionId,
    points: result.points,
    maxPoints: result.maxPoints,
    correct: result.correct,
    correctAnswer: result.correctAnswer,
    feedback: result.feedback,
    explanation: result.explanation,
  };
}

export function presentAttempt(attempt: LearnerAttempt): z.infer<typeof attemptSchema> {
  const { reveal } = attempt;
  return {
    id: attempt.uuid,
    number: attempt.number,
    status: attempt.status,
    startedAt: attempt.startedAt.toISOString(),
    savedAt: iso(attempt.savedAt),
    submittedAt: iso(attempt.submittedAt),
    answers: attempt.answers,
    questions: attempt.questions,
    score: attempt.score,
    maxScore: attempt.maxScore,
    percent:
      attempt.score !== null && attempt.maxScore ? Math.round((attempt.score / attempt.maxScore) * 1000) / 10 : null,
    receipt: attempt.receipt ? presentReceipt(attempt.receipt) : null,
    reveal:
      reveal.revealed && attempt.results
        ? { revealed: true, policy: reveal.policy, results: attempt.results.map(presentResult) }
        : { revealed: false, policy: reveal.policy, revealsAt: iso(reveal.revealsAt) },
  };
}
