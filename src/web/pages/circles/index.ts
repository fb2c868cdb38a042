import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  formStudyCircles,
  joinStudyCircle,
  leaveStudyCircle,
  moveCircleMember,
} from '../../../modules/discussions/index.ts';
import { isDomainError, type ErrorKind } from '../../../platform/errors/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { redirectTo } from '../../render.tsx';
import { redirectAnonymous, serviceContext } from '../learn/shared.ts';
import { languagesOf, readLanguageChoice, type LanguageChoice } from './languages.ts';
import { sendCirclesPage } from './page.tsx';
import { circlesPath, type CircleNotice, type CircleParams } from './shared.ts';
import { TO_WAITING } from './staff-view.tsx';
import { pickOwnEntry } from '../../http.ts';

const ROUTE = '/learn/:courseKey/:runCode/circles';

const DONE_NOTICES: Readonly<Record<string, MessageKey>> = {
  seated: 'circles.done.seated',
  waiting: 'circles.done.waiting',
  left: 'circles.done.left',
  moved: 'circles.done.moved',
  formed: 'circles.done.formed',
};

/** The forum's refusals a person can act on, in their words; anything else is said plainly. */
const ERROR_MESSAGES: Readonly<Record<string, MessageKey>> = {
  'forum.learners_only': 'circles.error.learnersOnly',
  'forum.banned': 'circles.error.banned',
  'forum.staff_only': 'circles.error.staffOnly',
  'forum.circle_full': 'circles.error.full',
  'forum.circle_language': 'circles.error.language',
};

const STATUS_BY_KIND: Partial<Record<ErrorKind, number>> = {
  invalid: 400,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
};

function readNotice(query: unknown): CircleNotice | undefined {
  const fields = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const done = pickOwnEntry(DONE_NOTICES, fields.done);
  if (!done) return undefined;
  const seated = typeof fields.seated === 'string' && /^\d{1,5}$/.test(fields.seated) ? Number(fields.seated) : 0;
  return { kind: 'success', key: done, values: { count: seated } };
}

function pathOf(request: FastifyRequest<CircleParams>, rest = ''): string {
  return circlesPath(request.params.courseKey, request.params.runCode, rest);
}

/**
 * Shows a refusal on the page itself, with the status it deserves; a forum the person may not
 * read stays a 404 (the error handler's page), and anything unexpected is not hidden here.
 */
async function sendRefusal(
  request: FastifyRequest<CircleParams>,
  reply: FastifyReply,
  error: unknown,
  options: { invalid: MessageKey; choice?: LanguageChoice },
): Promise<FastifyReply> {
  const status = isDomainError(error) ? STATUS_BY_KIND[error.kind] : undefined;
  if (!isDomainError(error) || status === undefined) throw error;
  const key = ERROR_MESSAGES[error.code] ?? (error.kind === 'invalid' ? options.invalid : 'circles.error.other');
  const failed = options.choice && error.kind === 'invalid' ? { choice: options.choice, error: key } : undefined;
  return sendCirclesPage(request, reply, { notice: { kind: 'error', key }, status, ...(failed ? { failed } : {}) });
}

/** `waiting` (or nothing) is the waiting list; a circle is its id, checked by the forum module. */
function readTarget(value: unknown): number | string | null {
  if (typeof value !== 'string' || value === '' || value === TO_WAITING) return null;
  return /^[1-9]\d{0,14}$/.test(value) ? Number(value) : value;
}

async function join(request: FastifyRequest<CircleParams>, reply: FastifyReply): Promise<FastifyReply> {
  if (redirectAnonymous(request, reply, pathOf(request))) return reply;
  const choice = readLanguageChoice(request.body);
  const languages = languagesOf(choice);
  const { courseKey, runCode } = request.params;
  try {
    // An unusable choice still goes to the forum, which says who may join before what is wrong.
    const input = { languages: languages ?? [] };
    const { circleId } = await joinStudyCircle(serviceContext(request), courseKey, runCode, input);
    return redirectTo(reply, `${pathOf(request)}?done=${circleId === null ? 'waiting' : 'seated'}`);
  } catch (error) {
    return sendRefusal(request, reply, error, { invalid: 'circles.error.languages', choice });
  }
}

async function leave(request: FastifyRequest<CircleParams>, reply: FastifyReply): Promise<FastifyReply> {
  if (redirectAnonymous(request, reply, pathOf(request))) return reply;
  await leaveStudyCircle(serviceContext(request), request.params.courseKey, request.params.runCode);
  return redirectTo(reply, `${pathOf(request)}?done=left`);
}

async function move(request: FastifyRequest<CircleParams>, reply: FastifyReply): Promise<FastifyReply> {
  if (redirectAnonymous(request, reply, pathOf(request))) return reply;
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const input = { userId: typeof body.userId === 'string' ? body.userId : '', circleId: readTarget(body.circleId) };
  try {
    await moveCircleMember(serviceContext(request), request.params.courseKey, request.params.runCode, input);
    return redirectTo(reply, `${pathOf(request)}?done=moved`);
  } catch (error) {
    return sendRefusal(request, reply, error, { invalid: 'circles.error.move' });
  }
}

async function match(request: FastifyRequest<CircleParams>, reply: FastifyReply): Promise<FastifyReply> {
  if (redirectAnonymous(request, reply, pathOf(request))) return reply;
  try {
    const { seated } = await formStudyCircles(
      serviceContext(request),
      request.params.courseKey,
      request.params.runCode,
    );
    return redirectTo(reply, `${pathOf(request)}?done=formed&seated=${seated}`);
  } catch (error) {
    return sendRefusal(request, reply, error, { invalid: 'circles.error.other' });
  }
}

/** Study circles: opting in, one's circle, and the staff view with moves and matching. */
export async function circlePageRoutes(app: FastifyInstance): Promise<void> {
  app.get<CircleParams>(ROUTE, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    return sendCirclesPage(request, reply, { notice: readNotice(request.query) });
  });
  const csrf = { preHandler: app.csrfProtection };
  app.post<CircleParams>(`${ROUTE}/join`, csrf, join);
  app.post<CircleParams>(`${ROUTE}/leave`, csrf, leave);
  app.post<CircleParams>(`${ROUTE}/moves`, csrf, move);
  app.post<CircleParams>(`${ROUTE}/matching`, csrf, match);
}
