import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  getQuizAttempt,
  getQuizForLearner,
  saveQuizAnswers,
  startQuizAttempt,
  submitQuizAttempt,
  type LearnerQuizView,
} from '../../../modules/assessment/index.ts';
import { isDomainError, type DomainError } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { readField, readTypedAnswers, toAnswers, type AnswerProblem, type TypedAnswers } from './answers-form.ts';
import { AttemptPage } from './attempt-view.tsx';
import { quizPaths, type QuizPaths } from './paths.ts';
import { QuizPage } from './quiz-view.tsx';

type QuizParams = { courseKey: string; runCode: string; blockKey: string };
type AttemptParams = QuizParams & { attemptId: string };
type QuizRequest = FastifyRequest<{ Params: QuizParams }>;

const QUIZ_URL = '/learn/:courseKey/:runCode/quizzes/:blockKey';

function serviceContext(request: FastifyRequest) {
  const { db, clock } = request.server.platform;
  return { db, clock, actor: request.viewer?.actor ?? null };
}

function pathsOf(request: QuizRequest): QuizPaths {
  const { courseKey, runCode, blockKey } = request.params;
  return quizPaths(courseKey, runCode, blockKey);
}

/** Anonymous visitors sign in first and come back to the quiz; true when it redirected. */
function redirectAnonymous(request: QuizRequest, reply: FastifyReply): boolean {
  if (request.viewer) return false;
  const back = request.method === 'GET' ? request.url : pathsOf(request).quiz;
  void redirectTo(reply, `/sign-in?next=${encodeURIComponent(back)}`);
  return true;
}

function loadView(request: QuizRequest): Promise<LearnerQuizView> {
  const { courseKey, runCode, blockKey } = request.params;
  return getQuizForLearner(serviceContext(request), courseKey, runCode, blockKey);
}

function renderQuiz(
  request: QuizRequest,
  reply: FastifyReply,
  view: LearnerQuizView,
  options: { status?: number; typed?: TypedAnswers; problems?: AnswerProblem[]; notice?: 'saved' } = {},
): FastifyReply {
  const { t } = request;
  return sendPage(request, reply, {
    title: view.quiz.title,
    status: options.status ?? 200,
    body: (
      <QuizPage
        t={t}
        view={view}
        paths={pathsOf(request)}
        csrf={reply.generateCsrf()}
        idempotencyKey={randomUUID()}
        typed={options.typed}
        problems={options.problems ?? []}
        notice={options.notice}
        now={request.server.platform.clock.now()}
      />
    ),
  });
}

/** Where a refused write sends the learner: the quiz page says why, the attempt page shows the result. */
function redirectAfterConflict(reply: FastifyReply, paths: QuizPaths, error: unknown, attemptId: string) {
  const code = isDomainError(error) ? error.code : '';
  if (code === 'quiz.already_submitted' || code === 'quiz.idempotency_key_reused') {
    return redirectTo(reply, paths.attempt(attemptId));
  }
  if (isDomainError(error) && error.kind === 'conflict') return redirectTo(reply, paths.quiz);
  throw error;
}

/** A service's refusal of an answer, as a problem of the question it names. */
function problemOf(error: DomainError, view: LearnerQuizView): AnswerProblem[] {
  const questions = view.openAttempt?.questions ?? [];
  const questionId = typeof error.details.questionId === 'string' ? error.details.questionId : '';
  const index = Math.max(
    0,
    questions.findIndex((question) => question.id === questionId),
  );
  const kind = error.message.includes('at most') ? 'text' : 'answer';
  return [{ questionId: questions[index]?.id ?? questionId, number: index + 1, kind }];
}

/** Reads the posted answers against the open attempt; a form for another attempt reads as no answers. */
function readPostedAnswers(request: QuizRequest, view: LearnerQuizView) {
  const attemptId = readField(request.body, 'attemptId');
  const questions = view.openAttempt?.uuid === attemptId ? view.openAttempt.questions : [];
  const typed = readTypedAnswers(request.body, questions);
  return { attemptId, typed, ...toAnswers(typed, questions) };
}

export async function quizRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };

  app.get<{ Params: QuizParams; Querystring: { notice?: string } }>(QUIZ_URL, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const notice = request.query.notice === 'saved' ? 'saved' : undefined;
    return renderQuiz(request, reply, await loadView(request), notice ? { notice } : {});
  });

  app.post<{ Params: QuizParams }>(`${QUIZ_URL}/start`, csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { courseKey, runCode, blockKey } = request.params;
    const paths = pathsOf(request);
    try {
      await startQuizAttempt(serviceContext(request), courseKey, runCode, blockKey);
    } catch (error) {
      if (isDomainError(error) && error.kind === 'conflict') return redirectTo(reply, paths.quiz);
      throw error;
    }
    return redirectTo(reply, `${paths.quiz}#attempt-heading`);
  });

  app.post<{ Params: QuizParams }>(`${QUIZ_URL}/save`, csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { courseKey, runCode, blockKey } = request.params;
    const paths = pathsOf(request);
    const view = await loadView(request);
    const { attemptId, typed, answers, problems } = readPostedAnswers(request, view);
    if (problems.length > 0) return renderQuiz(request, reply, view, { status: 400, typed, problems });
    try {
      await saveQuizAnswers(serviceContext(request), courseKey, runCode, blockKey, attemptId, answers);
    } catch (error) {
      if (isDomainError(error) && error.kind === 'invalid') {
        return renderQuiz(request, reply, view, { status: 400, typed, problems: problemOf(error, view) });
      }
      return redirectAfterConflict(reply, paths, error, attemptId);
    }
    return redirectTo(reply, `${paths.quiz}?notice=saved#attempt-heading`);
  });

  app.post<{ Params: QuizParams }>(`${QUIZ_URL}/submit`, csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { courseKey, runCode, blockKey } = request.params;
    const paths = pathsOf(request);
    const view = await loadView(request);
    const { attemptId, typed, answers, problems } = readPostedAnswers(request, view);
    if (problems.length > 0) return renderQuiz(request, reply, view, { status: 400, typed, problems });
    const idempotencyKey = readField(request.body, 'idempotencyKey');
    try {
      await submitQuizAttempt(serviceContext(request), courseKey, runCode, blockKey, attemptId, {
        answers,
        idempotencyKey,
      });
    } catch (error) {
      if (isDomainError(error) && error.kind === 'invalid') {
        return renderQuiz(request, reply, view, { status: 400, typed, problems: problemOf(error, view) });
      }
      return redirectAfterConflict(reply, paths, error, attemptId);
    }
    return redirectTo(reply, paths.attempt(attemptId));
  });

  app.get<{ Params: AttemptParams }>(`${QUIZ_URL}/attempts/:attemptId`, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { courseKey, runCode, blockKey, attemptId } = request.params;
    const ctx = serviceContext(request);
    const attempt = await getQuizAttempt(ctx, courseKey, runCode, blockKey, attemptId);
    const paths = pathsOf(request);
    if (attempt.status !== 'submitted') return redirectTo(reply, `${paths.quiz}#attempt-heading`);
    const { quiz } = await getQuizForLearner(ctx, courseKey, runCode, blockKey);
    const { t } = request;
    return sendPage(request, reply, {
      title: t.t('quiz.result.title', { number: attempt.number, title: quiz.title }),
      body: <AttemptPage t={t} attempt={attempt} quizTitle={quiz.title} unit={quiz.unit} paths={paths} />,
    });
  });
}
