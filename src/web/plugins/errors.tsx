import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { recordAudit } from '../../platform/audit/index.ts';
import { isDomainError, type ErrorKind } from '../../platform/errors/index.ts';
import { redactUrl } from '../../platform/log/index.ts';
import { isApiRequest } from '../http.ts';
import type { MessageKey } from '../messages/index.ts';
import { sendPage } from '../render.tsx';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

type Problem = { status: number; title: string; detail: string; code: string; errors?: ProblemField[] };
type ProblemField = { field: string; message: string };

const PAGE_TEXT: Record<number, { title: MessageKey; body: MessageKey }> = {
  400: { title: 'error.badRequest.title', body: 'error.badRequest.body' },
  401: { title: 'error.unauthenticated.title', body: 'error.unauthenticated.body' },
  403: { title: 'error.forbidden.title', body: 'error.forbidden.body' },
  404: { title: 'error.notFound.title', body: 'error.notFound.body' },
  429: { title: 'error.rateLimited.title', body: 'error.rateLimited.body' },
  500: { title: 'error.server.title', body: 'error.server.body' },
};

/** Turns any thrown error into a problem a person can act on; 5xx details stay in the log. */
export function describeError(error: FastifyError | Error, request: FastifyRequest): Problem {
  if (isDomainError(error)) {
    const status = STATUS_BY_KIND[error.kind];
    const fields = Array.isArray(error.details.fields) ? (error.details.fields as ProblemField[]) : undefined;
    return {
      status,
      title: titleFor(status),
      detail: error.message,
      code: error.code,
      ...(fields ? { errors: fields } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      field: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is not valid',
    }));
    return {
      status: 400,
      title: 'Invalid request',
      detail: errors.map((entry) => `${entry.field}: ${entry.message}`).join('; '),
      code: 'validation_failed',
      errors,
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_CSRF_INVALID_TOKEN' || fastifyError.code === 'FST_CSRF_MISSING_SECRET') {
    return { status: 403, title: 'Form expired', detail: request.t.t('error.csrf'), code: 'csrf_invalid' };
  }
  const statusCode = fastifyError.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    return {
      status: statusCode,
      title: titleFor(statusCode),
      detail: humanize(fastifyError),
      code: fastifyError.code ? fastifyError.code.toLowerCase() : 'bad_request',
    };
  }
  if (statusCode === 503) {
    return { status: 503, title: 'Service unavailable', detail: fastifyError.message, code: 'unavailable' };
  }
  return {
    status: 500,
    title: 'Internal error',
    detail: 'Something went wrong on our side. The problem has been logged; please try again later.',
    code: 'internal_error',
  };
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Invalid request',
    401: 'Sign-in required',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    409: 'Conflict',
    413: 'Request too large',
    415: 'Unsupported media type',
    429: 'Too many requests',
  };
  return titles[status] ?? 'Request error';
}

function humanize(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'This content type is not accepted here; send application/json or a form.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON object.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The request body is not valid JSON.';
    default:
      return error.statusCode === 429 ? 'Too many requests; please wait and try again.' : error.message.slice(0, 300);
  }
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  if (isApiRequest(request)) {
    return reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        JSON.stringify({ type: 'about:blank', instance: request.url.split('?')[0], requestId: request.id, ...problem }),
      );
  }
  const text = PAGE_TEXT[problem.status] ?? PAGE_TEXT[problem.status >= 500 ? 500 : 400]!;
  const { t } = request;
  return sendPage(request, reply, {
    title: t.t(text.title),
    status: problem.status,
    body: (
      <section class="error-page">
        <h1>{t.t(text.title)}</h1>
        <p>{problem.status === 400 || problem.status === 403 ? problem.detail : t.t(text.body)}</p>
        <p>
          <a href="/">{t.t('error.backHome')}</a>
        </p>
      </section>
    ),
  });
}

/** Authorization failures are audited: repeated denials are how probing shows up. */
async function recordDenial(request: FastifyRequest, code: string): Promise<void> {
  try {
    await recordAudit(request.server.platform.db, {
      actorId: request.viewer?.actor.userId ?? null,
      action: code === 'csrf_invalid' ? 'access.csrf_rejected' : 'access.denied',
      objectType: 'route',
      objectId: `${request.method} ${request.routeOptions.url ?? redactUrl(request.url)}`,
    });
  } catch (auditError) {
    request.log.error({ err: auditError }, 'could not audit an access denial');
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = describeError(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, 'request rejected');
    if (problem.status === 429 && error.statusCode === 429) reply.header('retry-after', '60');
    if (problem.status === 403) await recordDenial(request, problem.code);
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, {
      status: 404,
      title: 'Not found',
      detail: 'Nothing exists at this address.',
      code: 'not_found',
    }),
  );
}
