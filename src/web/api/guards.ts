import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../platform/access/index.ts';
import { DomainError, unauthenticated } from '../../platform/errors/index.ts';
import type { Viewer } from '../context.ts';

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Body media types a route takes besides JSON; the API guard lets these through. */
    bodyTypes?: readonly string[];
  }
}

/** The signed-in person, or a 401 problem. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw unauthenticated();
  return request.viewer;
}

/** Route hook: answers 401 before the body is even validated. */
export async function requireSignedIn(request: FastifyRequest): Promise<void> {
  requireViewer(request);
}

export function serviceContextOf(request: FastifyRequest): ServiceContext {
  const { db, clock } = request.server.platform;
  return { db, clock, actor: request.viewer?.actor ?? null };
}

function isBearerRequest(request: FastifyRequest): boolean {
  return request.headers.authorization?.startsWith('Bearer ') ?? false;
}

/**
 * Browsers attach the session cookie to requests other sites make them send, so a write that
 * relies on the cookie must come from our own pages. A Bearer token is never sent ambiently,
 * so such requests are exempt; they also never fall back to the cookie.
 */
export function checkSameOrigin(request: FastifyRequest, ownOrigin: string): void {
  if (!WRITE_METHODS.has(request.method) || isBearerRequest(request)) return;
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  if ((origin !== undefined && origin !== ownOrigin) || fetchSite === 'cross-site') {
    throw new DomainError(
      'forbidden',
      'cross_site_write',
      'Writes signed in with a browser session must come from this site. Scripts and other sites should send a personal API token as a Bearer token instead.',
    );
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/**
 * The application also parses forms and plain text for its pages; the API takes JSON alone, which
 * browsers cannot send to another site without a CORS preflight.
 */
export function checkJsonBody(request: FastifyRequest): void {
  if (!WRITE_METHODS.has(request.method) || !hasBody(request)) return;
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return;
  // A route may accept another body type on purpose (a course package is a zip).
  const accepted = request.routeOptions.config.bodyTypes ?? [];
  if (mediaType !== undefined && accepted.includes(mediaType)) return;
  throw Object.assign(new Error('Send the request body as application/json.'), {
    statusCode: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  });
}

/** Cross-site checks and cache rules for every route of the API context. */
export function registerApiGuards(app: FastifyInstance): void {
  const ownOrigin = new URL(app.platform.config.baseUrl).origin;
  // onRequest rather than preHandler: a forged write is turned away before its body is even read.
  app.addHook('onRequest', async (request) => {
    checkSameOrigin(request, ownOrigin);
    checkJsonBody(request);
  });
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    // Answers depend on who asks; shared caches must never hand one person's answer to another.
    reply.header('vary', 'Authorization, Cookie, Accept-Language');
    if (request.viewer) reply.header('cache-control', 'no-store');
  });
}
