import type { FastifyReply, FastifyRequest } from 'fastify';
import { courseKeySchema, runCodeSchema } from '../../../modules/courses/index.ts';
import { requireForumReader } from '../../../modules/discussions/index.ts';
import { invalid, isDomainError } from '../../../platform/errors/index.ts';
import { requireViewer, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses, problemSchema } from '../schemas.ts';

export const FORUM_TAGS = ['Forum'];
export const CIRCLE_TAGS = ['Study circles'];
export const NOTIFICATION_TAGS = ['Notifications'];

export const forumCommon = { tags: FORUM_TAGS, security: SIGNED_IN };
export const RUN_PATH = '/api/v1/courses/:courseKey/runs/:runCode';
export const FORUM_PATH = `${RUN_PATH}/forum`;

/** Every forum operation may answer with these; writes add 409 where a thread's state can refuse them. */
export const FORUM_ERRORS = problemResponses(400, 401, 403, 404);
export const FORUM_WRITE_ERRORS = problemResponses(400, 401, 403, 404, 409);

/** Posting limits answer 429, with Retry-After in seconds. */
export const TOO_MANY_POSTS = {
  429: {
    description: 'You are posting too fast; the Retry-After header says how many seconds to wait.',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
};

/**
 * Invalid input is answered only after the access check, so that outsiders learn nothing from
 * validation messages: 401 for nobody (route hook), 404 for anyone who does not read this
 * forum, then 400. Valid requests are checked once, by the service itself.
 */
export async function refuseInvalid(request: FastifyRequest): Promise<void> {
  if (!request.validationError) return;
  await checkReaderOfPath(request);
  throw request.validationError;
}

/** 404 unless the caller reads the forum the path names; a malformed address is left to validation (400). */
async function checkReaderOfPath(request: FastifyRequest): Promise<void> {
  const { courseKey, runCode } = request.params as { courseKey?: unknown; runCode?: unknown };
  const course = courseKeySchema.safeParse(courseKey);
  const run = runCodeSchema.safeParse(runCode);
  if (course.success && run.success) await requireForumReader(serviceContextOf(request), course.data, run.data);
}

/**
 * Route hook of operations without a body (DELETE): the access check runs before the request
 * is even parsed, so an outsider gets 404 whatever they send along, as with the other hooks of
 * the API. The service checks again.
 */
export async function requireReaderFirst(request: FastifyRequest): Promise<void> {
  requireViewer(request);
  await checkReaderOfPath(request);
}

/** The key from the Idempotency-Key header or the body; both may be sent, but then they must agree. */
export function readRequestKey(request: FastifyRequest, body: string | undefined): string | undefined {
  const header = request.headers['idempotency-key'];
  const fromHeader = typeof header === 'string' ? header.trim() : undefined;
  if (fromHeader !== undefined && body !== undefined && fromHeader !== body) {
    throw invalid('forum.idempotency_key_mismatch', 'The Idempotency-Key header and requestKey differ.', {
      fields: [{ field: 'body.requestKey', message: 'differs from the Idempotency-Key header' }],
    });
  }
  return fromHeader ?? body;
}

/** The services say how long a posting limit lasts; clients read it from Retry-After. */
export async function addRetryAfter(_request: FastifyRequest, reply: FastifyReply, error: Error): Promise<void> {
  if (!isDomainError(error) || error.kind !== 'rate_limited') return;
  const seconds = Number(error.details.retryAfterSeconds);
  reply.header('retry-after', String(Number.isInteger(seconds) && seconds > 0 ? seconds : 60));
}
