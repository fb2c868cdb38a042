import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { updateBlock, type QuizBlock } from '../../../modules/courses/index.ts';
import { notFound } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { DeletionView } from './deletion-view.tsx';
import {
  emptyQuestionValues,
  generateId,
  isQuestionKind,
  questionValuesOf,
  readQuestionForm,
  type QuestionInput,
} from './question-input.ts';
import { QuestionEditorView, type QuestionEditorState } from './question-view.tsx';
import {
  blockPath,
  fieldErrorsFrom,
  findBlock,
  hasErrors,
  loadStudioCourse,
  questionPath,
  readField,
  readNotice,
  redirectAnonymous,
  requireEdit,
  serviceContext,
  targetPosition,
  withNotice,
  type StudioCourse,
} from './shared.ts';

type BlockParams = { Params: { key: string; blockKey: string } };
type QuestionParams = { Params: { key: string; blockKey: string; questionId: string } };

type QuizPlace = { studio: StudioCourse; blockKey: string; quiz: QuizBlock };

async function loadQuiz(request: FastifyRequest<BlockParams>, edit: boolean): Promise<QuizPlace> {
  const studio = await loadStudioCourse(request, request.params.key);
  if (edit) requireEdit(studio);
  const { block } = findBlock(studio.tree, request.params.blockKey);
  if (block.block.type !== 'quiz') throw notFound('quiz');
  return { studio, blockKey: block.key, quiz: block.block };
}

function indexOfQuestion(quiz: QuizBlock, questionId: string): number {
  const index = quiz.questions.findIndex((question) => question.id === questionId);
  if (index < 0) throw notFound('question');
  return index;
}

function renderQuestion(
  request: FastifyRequest,
  reply: FastifyReply,
  place: QuizPlace,
  state: Omit<QuestionEditorState, 'studio' | 'blockKey' | 'quizTitle' | 'notice'>,
  status = 200,
): FastifyReply {
  const full: QuestionEditorState = {
    ...state,
    studio: place.studio,
    blockKey: place.blockKey,
    quizTitle: place.quiz.title,
    notice: readNotice(request),
  };
  return sendPage(request, reply, {
    title: `${request.t.t('blocks.quiz.question', { number: state.number })} · ${place.quiz.title}`,
    status,
    body: <QuestionEditorView t={request.t} reply={reply} state={full} />,
  });
}

/** Every question edit writes the whole quiz block as its next version. */
async function writeQuestions(request: FastifyRequest, place: QuizPlace, questions: QuestionInput[]): Promise<void> {
  await updateBlock(serviceContext(request), place.studio.course.key, place.blockKey, { ...place.quiz, questions });
}

async function submitQuestion(
  request: FastifyRequest,
  reply: FastifyReply,
  place: QuizPlace,
  index: number,
  id: string,
): Promise<FastifyReply> {
  const existing = place.quiz.questions[index];
  const kindField = readField(request.body, 'kind');
  const kind = existing?.kind ?? (isQuestionKind(kindField) ? kindField : 'single_choice');
  const { values, question, errors } = readQuestionForm(kind, id, request.body);
  const state = { questionId: existing?.id, number: index + 1, values };
  if (hasErrors(errors)) return renderQuestion(request, reply, place, { ...state, errors }, 400);
  const questions: QuestionInput[] = [...place.quiz.questions];
  questions[index] = question;
  try {
    await writeQuestions(request, place, questions);
  } catch (error) {
    return renderQuestion(
      request,
      reply,
      place,
      { ...state, errors: fieldErrorsFrom(error, `questions.${index}.`) },
      400,
    );
  }
  const notice = existing ? 'saved' : 'created';
  return redirectTo(reply, withNotice(questionPath(place.studio.course.key, place.blockKey, id), notice));
}

export async function questionRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };
  const base = '/studio/courses/:key/blocks/:blockKey/questions';

  app.get<BlockParams>(`${base}/new`, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const place = await loadQuiz(request, true);
    const kind = readField(request.query, 'kind');
    const values = emptyQuestionValues(isQuestionKind(kind) ? kind : 'single_choice');
    return renderQuestion(request, reply, place, { number: place.quiz.questions.length + 1, values, errors: {} });
  });

  app.post<BlockParams>(base, csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const place = await loadQuiz(request, true);
    const id = generateId(
      'q',
      place.quiz.questions.map((question) => question.id),
    );
    return submitQuestion(request, reply, place, place.quiz.questions.length, id);
  });

  app.get<QuestionParams>(`${base}/:questionId`, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const place = await loadQuiz(request, false);
    const index = indexOfQuestion(place.quiz, request.params.questionId);
    const question = place.quiz.questions[index]!;
    const state = { questionId: question.id, number: index + 1, values: questionValuesOf(question), errors: {} };
    return renderQuestion(request, reply, place, state);
  });

  app.post<QuestionParams>(`${base}/:questionId`, csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const place = await loadQuiz(request, true);
    const index = indexOfQuestion(place.quiz, request.params.questionId);
    return submitQuestion(request, reply, place, index, place.quiz.questions[index]!.id);
  });

  app.post<QuestionParams>(`${base}/:questionId/position`, csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const place = await loadQuiz(request, true);
    const index = indexOfQuestion(place.quiz, request.params.questionId);
    const target = targetPosition(request.body, index, place.quiz.questions.length);
    const questions = [...place.quiz.questions];
    const [moved] = questions.splice(index, 1);
    questions.splice(target, 0, moved!);
    await writeQuestions(request, place, questions);
    return redirectTo(reply, withNotice(blockPath(place.studio.course.key, place.blockKey), 'moved'));
  });

  app.get<QuestionParams>(`${base}/:questionId/deletion`, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const place = await loadQuiz(request, true);
    const index = indexOfQuestion(place.quiz, request.params.questionId);
    const title = request.t.t('blocks.quiz.question', { number: index + 1 });
    return sendPage(request, reply, {
      title: request.t.t('studioContent.delete.heading', { title }),
      body: (
        <DeletionView
          t={request.t}
          reply={reply}
          studio={place.studio}
          title={title}
          detail={request.t.t('studioContent.delete.questionDetail', { quiz: place.quiz.title })}
          action={questionPath(place.studio.course.key, place.blockKey, place.quiz.questions[index]!.id, '/deletion')}
          back={blockPath(place.studio.course.key, place.blockKey)}
        />
      ),
    });
  });

  app.post<QuestionParams>(`${base}/:questionId/deletion`, csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const place = await loadQuiz(request, true);
    const index = indexOfQuestion(place.quiz, request.params.questionId);
    await writeQuestions(
      request,
      place,
      place.quiz.questions.filter((_, other) => other !== index),
    );
    return redirectTo(reply, withNotice(blockPath(place.studio.course.key, place.blockKey), 'deleted'));
  });
}
