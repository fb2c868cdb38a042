import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CourseMetadata } from '../../../modules/courses/index.ts';
import type { ServiceContext } from '../../../platform/access/index.ts';
import { redirectTo } from '../../render.tsx';
import { pickText, type PickedText } from '../../views/course-card.tsx';

/** `1` or `0` once a learner chose; without it the browser's `Save-Data: on` decides. */
export const DATA_SAVER_COOKIE = 'orbis_data_saver';

export function isDataSaverOn(request: FastifyRequest): boolean {
  const chosen = request.cookies[DATA_SAVER_COOKIE];
  if (chosen === '1') return true;
  if (chosen === '0') return false;
  return (
    String(request.headers['save-data'] ?? '')
      .trim()
      .toLowerCase() === 'on'
  );
}

export function serviceContext(request: FastifyRequest): ServiceContext {
  const { db, clock } = request.server.platform;
  return { db, clock, actor: request.viewer?.actor ?? null };
}

/** Anonymous visitors are sent to sign in and brought back; returns true when it redirected. */
export function redirectAnonymous(request: FastifyRequest, reply: FastifyReply, back = request.url): boolean {
  if (request.viewer) return false;
  void redirectTo(reply, `/sign-in?next=${encodeURIComponent(back)}`);
  return true;
}

const segment = encodeURIComponent;

export function runPath(courseKey: string, runCode: string, rest = ''): string {
  return `/learn/${segment(courseKey)}/${segment(runCode)}${rest}`;
}

export function unitPath(courseKey: string, runCode: string, unitKey: string): string {
  return runPath(courseKey, runCode, `/units/${segment(unitKey)}`);
}

export function completePath(courseKey: string, runCode: string, unitKey: string, blockKey: string): string {
  return `${unitPath(courseKey, runCode, unitKey)}/blocks/${segment(blockKey)}/complete`;
}

/** The quiz page, served by the quiz area. */
export function quizPath(courseKey: string, runCode: string, blockKey: string): string {
  return runPath(courseKey, runCode, `/quizzes/${segment(blockKey)}`);
}

/** A discussion block's topic in the run's forum, served by the forum area; `rest` '/new' starts a thread. */
export function forumTopicPath(courseKey: string, runCode: string, blockKey: string, rest = ''): string {
  return runPath(courseKey, runCode, `/forum${rest}?topic=block:${segment(blockKey)}`);
}

/** Where the player island reports watched ranges (JSON API, reportBlockProgress). */
export function progressApiPath(courseKey: string, runCode: string, blockKey: string): string {
  return `/api/v1/courses/${segment(courseKey)}/runs/${segment(runCode)}/blocks/${segment(blockKey)}/progress`;
}

export function courseTitleOf(metadata: CourseMetadata, key: string, locale: string): PickedText {
  return pickText(metadata.title, locale) ?? { text: key, lang: locale };
}

export function percentOf(done: number, total: number): number {
  return total > 0 ? Math.floor((100 * done) / total) : 0;
}
