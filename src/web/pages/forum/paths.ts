import { runPath } from '../learn/shared.ts';

type QueryValues = Record<string, string | number | undefined>;

/** A path with the given query; empty values are left out so links stay short. */
export function withQuery(path: string, query: QueryValues): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export type ThreadAction = 'replies' | 'follow' | 'state' | 'answer';
export type PostAction = 'vote' | 'flag' | 'moderate' | 'endorse' | 'delete' | 'edit';

/** Every address of one run's forum pages. */
export function forumPaths(courseKey: string, runCode: string) {
  const base = runPath(courseKey, runCode, '/forum');
  const postPath = (postId: number, action: PostAction) => `${base}/posts/${postId}/${action}`;
  return {
    outline: runPath(courseKey, runCode),
    base,
    list: (query: QueryValues = {}) => withQuery(base, query),
    newThread: (query: { topic?: string; circle?: number } = {}) => withQuery(`${base}/new`, query),
    createThread: `${base}/threads`,
    thread: (threadId: number, page = 1) =>
      withQuery(`${base}/threads/${threadId}`, { page: page > 1 ? page : undefined }),
    threadAction: (threadId: number, action: ThreadAction) => `${base}/threads/${threadId}/${action}`,
    postAction: postPath,
    editPost: (postId: number, threadId: number, page = 1) =>
      withQuery(postPath(postId, 'edit'), { thread: threadId, page: page > 1 ? page : undefined }),
    moderation: (view: 'flagged' | 'hidden' = 'flagged', page = 1) =>
      withQuery(`${base}/moderation`, {
        view: view === 'flagged' ? undefined : view,
        page: page > 1 ? page : undefined,
      }),
    members: (userId?: string) => withQuery(`${base}/members`, { user: userId }),
  };
}

export type ForumPaths = ReturnType<typeof forumPaths>;
