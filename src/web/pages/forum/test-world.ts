import { createLearnWorld, type LearnRole } from '../learn/test-world.ts';

/** Everyone whose place decides what a run's forum answers, plus a second learner of the run. */
export const FORUM_ROLES = [
  'anonymous',
  'stranger',
  'otherRun',
  'author',
  'assistant',
  'ownerAdmin',
  'lead',
  'learner',
  'classmate',
] as const;
export type ForumRole = (typeof FORUM_ROLES)[number];

/** Who may read and post in the self-paced run's forum: its learners and the staff who see learners. */
export const FORUM_READERS: readonly ForumRole[] = ['assistant', 'ownerAdmin', 'lead', 'learner', 'classmate'];

/**
 * The learn world (a published course, runs SP, LATER and ENDED; see createLearnWorld) with a
 * second learner of the self-paced run. `learner` and `classmate` are enrolled in SP; `otherRun`
 * only in the run that has not started; `stranger` in none; `author` writes content but does not
 * see learners, so the forum is closed to them; `assistant` is a teaching assistant of the team.
 * Posting limits are off (the test config), so tests post as fast as they like.
 */
export async function createForumWorld() {
  const base = await createLearnWorld();
  const classmate = await base.newLearner();
  const sessions = { ...base.sessions, classmate };
  const key = base.world.key;

  const paths = {
    forum: (code = 'SP') => `/learn/${key}/${code}/forum`,
    newThread: (code = 'SP') => `/learn/${key}/${code}/forum/new`,
    thread: (threadId: number, code = 'SP') => `/learn/${key}/${code}/forum/threads/${threadId}`,
    circles: (code = 'SP') => `/learn/${key}/${code}/circles`,
    apiForum: (code = 'SP') => `/api/v1/courses/${key}/runs/${code}/forum`,
    apiThreads: (code = 'SP') => `/api/v1/courses/${key}/runs/${code}/forum/threads`,
    apiThread: (threadId: number, code = 'SP') => `/api/v1/courses/${key}/runs/${code}/forum/threads/${threadId}`,
    apiPost: (postId: number, code = 'SP') => `/api/v1/courses/${key}/runs/${code}/forum/posts/${postId}`,
    notifications: () => '/account/notifications',
  };

  const as = (who: ForumRole) => sessions[who as LearnRole | 'classmate'];

  return {
    ...base,
    sessions,
    key,
    paths,
    get: (who: ForumRole, url: string, headers: Record<string, string> = {}) => base.get(as(who), url, headers),
    post: (who: ForumRole, url: string, form: Record<string, string> = {}) => base.post(as(who), url, form),
    api: (who: ForumRole, method: 'GET' | 'POST', url: string, body?: unknown) => base.api(as(who), method, url, body),
  };
}

export type ForumWorld = Awaited<ReturnType<typeof createForumWorld>>;

/** The thread a redirect after posting points at. */
export function threadIdIn(location: unknown): number {
  const match = /\/forum\/threads\/(\d+)/.exec(String(location));
  if (!match) throw new Error(`no thread in ${String(location)}`);
  return Number(match[1]);
}

/** The post a redirect after posting points at (its #post-<id> anchor). */
export function postIdIn(location: unknown): number {
  const match = /#post-(\d+)$/.exec(String(location));
  if (!match) throw new Error(`no post in ${String(location)}`);
  return Number(match[1]);
}

/** Starts a thread through the form, as `who`; returns its id. */
export async function startThread(
  forum: ForumWorld,
  who: ForumRole,
  fields: Partial<Record<'topic' | 'kind' | 'title' | 'body' | 'language' | 'requestKey', string>> = {},
): Promise<number> {
  const response = await forum.post(who, `${forum.paths.forum()}/threads`, {
    topic: 'general',
    kind: 'discussion',
    title: 'A thread to talk in',
    body: 'Hello everyone.',
    language: 'en',
    ...fields,
  });
  if (response.statusCode !== 303) throw new Error(`could not start a thread: ${response.statusCode}`);
  return threadIdIn(response.headers.location);
}

/** Replies (or, with `parentId`, comments) through the form, as `who`; returns the new post's id. */
export async function replyTo(
  forum: ForumWorld,
  who: ForumRole,
  threadId: number,
  body = 'A reply.',
  parentId?: number,
): Promise<number> {
  const response = await forum.post(who, `${forum.paths.thread(threadId)}/replies`, {
    body,
    ...(parentId === undefined ? {} : { parentId: String(parentId) }),
  });
  if (response.statusCode !== 303) throw new Error(`could not reply: ${response.statusCode}`);
  return postIdIn(response.headers.location);
}

/** A person's account id, as the API tells it to them. */
export async function userIdOf(forum: ForumWorld, who: ForumRole): Promise<string> {
  const response = await forum.api(who, 'GET', '/api/v1/me');
  return (response.json() as { id: string }).id;
}

/** The opening post of a thread: the first post on its page. */
export async function openingPostIdOf(forum: ForumWorld, who: ForumRole, threadId: number): Promise<number> {
  const page = await forum.get(who, forum.paths.thread(threadId));
  const match = /<article id="post-(\d+)"/.exec(page.body);
  if (!match) throw new Error(`no post on thread ${threadId}: ${page.statusCode}`);
  return Number(match[1]);
}
