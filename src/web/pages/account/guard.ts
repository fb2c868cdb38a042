import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../../platform/access/index.ts';
import type { Viewer } from '../../context.ts';
import { redirectTo } from '../../render.tsx';

/** Sends anonymous visitors to sign in and back; returns the viewer otherwise. */
export function requireViewer(request: FastifyRequest, reply: FastifyReply): Viewer | null {
  if (request.viewer) return request.viewer;
  const back = request.method === 'GET' ? request.url : '/account';
  void redirectTo(reply, `/sign-in?next=${encodeURIComponent(back)}`);
  return null;
}

export function serviceContextOf(request: FastifyRequest, viewer: Viewer): ServiceContext {
  const { db, clock } = request.server.platform;
  return { db, clock, actor: viewer.actor };
}
