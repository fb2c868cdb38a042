import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ForumReader, ForumTopic } from '../../../modules/discussions/index.ts';
import { listForumTopics } from '../../../modules/discussions/index.ts';
import { getReleaseTree } from '../../../modules/courses/index.ts';
import { notFound } from '../../../platform/errors/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import type { PickedText } from '../../views/course-card.tsx';
import { courseTitleOf, redirectAnonymous } from '../learn/shared.ts';
import { forumPaths, type ForumPaths } from './paths.ts';

export type RunParams = { courseKey: string; runCode: string };
export type ThreadParams = RunParams & { threadId: string };
export type PostParams = RunParams & { postId: string };

/** What every forum page knows: who reads, where the forum sits, and the form token. */
export type ForumFrame = {
  t: T;
  paths: ForumPaths;
  courseTitle: PickedText;
  reader: ForumReader;
  csrf: string;
  now: Date;
};

export function pathsOf(request: FastifyRequest<{ Params: RunParams }>): ForumPaths {
  return forumPaths(request.params.courseKey, request.params.runCode);
}

/**
 * Anonymous visitors sign in and come back: to the page itself for a GET, to `back` (a page,
 * never the POST address) for a form. True when it redirected.
 */
export function sendToSignIn(
  request: FastifyRequest<{ Params: RunParams }>,
  reply: FastifyReply,
  back?: string,
): boolean {
  const target = request.method === 'GET' ? request.url : (back ?? pathsOf(request).base);
  return redirectAnonymous(request, reply, target);
}

/** Ids in addresses are positive integers; anything else names nothing. Errors: not_found. */
export function requireRouteId(value: string, what: 'thread' | 'post'): number {
  if (!/^[1-9][0-9]{0,14}$/.test(value)) throw notFound(what);
  return Number(value);
}

export async function loadFrame(
  request: FastifyRequest<{ Params: RunParams }>,
  reply: FastifyReply,
  reader: ForumReader,
): Promise<ForumFrame> {
  const { metadata } = await getReleaseTree(request.server.platform.db, reader.run.releaseId);
  return {
    t: request.t,
    paths: pathsOf(request),
    courseTitle: courseTitleOf(metadata, reader.course.key, request.t.locale),
    reader,
    csrf: reply.generateCsrf(),
    now: request.server.platform.clock.now(),
  };
}

export function loadTopics(request: FastifyRequest, reader: ForumReader): Promise<ForumTopic[]> {
  return listForumTopics(request.server.platform.db, reader.run);
}

/** A topic's name: the general topic in the page's language, the others as their authors wrote them. */
export function topicTitle(t: T, topics: readonly ForumTopic[], key: string): string {
  if (key === 'general') return t.t('forum.topic.general');
  return topics.find((topic) => topic.key === key)?.title ?? key;
}

export function isModerator(reader: ForumReader): boolean {
  return reader.role === 'staff' || reader.role === 'community_ta';
}

export const ROLE_LABELS: Record<ForumReader['role'], MessageKey | null> = {
  learner: null,
  community_ta: 'forum.role.communityTa',
  staff: 'forum.role.staff',
};
