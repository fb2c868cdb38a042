import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  getQuizAttempt,
  saveQuizAnswers,
  startQuizAttempt,
  submitQuizAttempt,
} from '../../../modules/assessment/index.ts';
import { courseKeySchema, runCodeSchema } from '../../../modules/courses/index.ts';
import { requireLearnerRun } from '../../../modules/enrollment/index.ts';
import { invalid } from '../../../platform/errors/index.ts';
import { requireSignedIn, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';
import {
  attemptParamsSchema,
  attemptSchema,
  idempotencyHeadersSchema,
  presentAttempt,
  presentReceipt,
  quizParamsSchema,
  saveAnswersBodySchema,
  savedAnswersSchema,
  submissionBodySchema,
  submissionSchema,
} from './quiz-schemas.ts';

const TAGS = ['Quizzes'];
const common = { tags: TAGS, security: SIGNED_IN };
const BASE = '/api/v1/courses/:courseKey/runs/:runCode/quizzes/:blockKey/attempts';
const ERRORS = problemResponses(400, 401, 403, 404, 409);

/**
 * Invalid input is answered only after the access check, so that outsiders learn nothing from
 * validation messages: 401 for nobody (route hook), 404 for an unknown course or run, 403 for
 * someone not enrolled, then 400. Valid requests are checked once, by the service itself.
 */
async function refuseInvalid(request: FastifyRequest): Promise<void> {
  if (!request.validationError) return;
  const { courseKey, runCode } = request.params as { courseKey?: unknown; runCode?: unknown };
  if (courseKeySchema.safeParse(courseKey).success && runCodeSchema.safeParse(runCode).success) {
    await requireLearnerRun(serviceContextOf(request), courseKey as string, runCode as string);
  }
  throw request.validationError;
}

/** The key from the header or the body; both may be sent, but then they must agree. */
function readIdempotencyKey(header: string | undefined, body: string | undefined): string | undefined {
  if (header !== undefined && body !== undefined && header !== body) {
    throw invalid('quiz.idempotency_key_mismatch', 'The Idempotency-Key header and idempotencyKey differ.', {
      fields: [{ field: 'body.idempotencyKey', message: 'differs from the Idempotency-Key header' }],
    });
  }
  return header ?? body;
}

/** A learner's quiz attempts: start, read, autosave and submit. Marking happens on the server. */
export async function quizApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(BASE, {
    onRequest: requireSignedIn,
    attachValidation: true,
    schema: {
      ...common,
      operationId: 'startQuizAttempt',
      summary: 'Start an attempt at a quiz, or get the one already open',
      description:
        'Returns 201 with a new attempt, or 200 with the attempt already open. Refused (409) before a scheduled run starts, after the due date and when no attempt is left.',
      params: quizParamsSchema,
      response: {
        200: attemptSchema.describe('The attempt already open.'),
        201: attemptSchema.describe('The new attempt.'),
        ...ERRORS,
      },
    },
    handler: async (request, reply) => {
      await refuseInvalid(request);
      const { courseKey, runCode, blockKey } = request.params;
      const { attempt, created } = await startQuizAttempt(serviceContextOf(request), courseKey, runCode, blockKey);
      return reply.status(created ? 201 : 200).send(presentAttempt(attempt));
    },
  });

  api.get(`${BASE}/:attemptId`, {
    onRequest: requireSignedIn,
    attachValidation: true,
    schema: {
      ...common,
      operationId: 'getQuizAttempt',
      summary: 'Show one of your attempts: questions, answers, score and receipt',
      description:
        'Correctness, right answers, feedback and explanations appear under `reveal` only when the quiz’s reveal policy allows it.',
      params: attemptParamsSchema,
      response: { 200: attemptSchema, ...ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, blockKey, attemptId } = request.params;
      return presentAttempt(await getQuizAttempt(serviceContextOf(request), courseKey, runCode, blockKey, attemptId));
    },
  });

  api.put(`${BASE}/:attemptId/answers`, {
    onRequest: requireSignedIn,
    attachValidation: true,
    schema: {
      ...common,
      operationId: 'saveQuizAnswers',
      summary: 'Save the draft answers of your open attempt',
      description: 'Replaces the draft. Nothing is marked until the attempt is submitted.',
      params: attemptParamsSchema,
      body: saveAnswersBodySchema,
      response: { 200: savedAnswersSchema.describe('The draft as stored.'), ...ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, blockKey, attemptId } = request.params;
      const ctx = serviceContextOf(request);
      const saved = await saveQuizAnswers(ctx, courseKey, runCode, blockKey, attemptId, request.body.answers);
      return { savedAt: saved.savedAt.toISOString(), answers: saved.answers };
    },
  });

  api.post(`${BASE}/:attemptId/submission`, {
    onRequest: requireSignedIn,
    attachValidation: true,
    schema: {
      ...common,
      operationId: 'submitQuizAttempt',
      summary: 'Submit your attempt for marking',
      description:
        'Send an Idempotency-Key header (or idempotencyKey): a retry with the same key returns the same receipt with 200 and changes nothing. A second submission of the attempt under another key is refused with 409 quiz.already_submitted.',
      params: attemptParamsSchema,
      headers: idempotencyHeadersSchema,
      body: submissionBodySchema,
      response: {
        200: submissionSchema.describe('A retry: the receipt of the earlier submission.'),
        201: submissionSchema.describe('Submitted and marked.'),
        ...ERRORS,
      },
    },
    handler: async (request, reply) => {
      await refuseInvalid(request);
      const { courseKey, runCode, blockKey, attemptId } = request.params;
      const idempotencyKey = readIdempotencyKey(request.headers['idempotency-key'], request.body.idempotencyKey);
      const outcome = await submitQuizAttempt(serviceContextOf(request), courseKey, runCode, blockKey, attemptId, {
        answers: request.body.answers,
        idempotencyKey,
      });
      return reply
        .status(outcome.replayed ? 200 : 201)
        .send({ receipt: presentReceipt(outcome.receipt), attempt: presentAttempt(outcome.attempt) });
    },
  });
}
