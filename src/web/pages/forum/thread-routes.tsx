import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  createReply,
  followThread,
  getThread,
  markAnswer,
  setThreadState,
} from '../../../modules/discussions/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { serviceContext } from '../learn/shared.ts';
import { defaultLanguage, readPage, readSwitch, runAction } from './actions.ts';
import { formErrorsOf, optionalField, readField } from './form.ts';
import { loadFrame, loadTopics, pathsOf, requireRouteId, sendToSignIn, type ThreadParams } from './frame.ts';
import { readNotice, statusOfRefusal, withNotice, type DoneCode, type Notice } from './notices.ts';
import type { ReplyDraft } from './post-view.tsx';
import { ThreadPage, type StateChange } from './thread-view.tsx';
import { pickOwnEntry } from '../../http.ts';

type ThreadRequest = FastifyRequest<{ Params: ThreadParams }>;

const THREAD_URL = '/learn/:courseKey/:runCode/forum/threads/:threadId';

async function sendThread(
  request: ThreadRequest,
  reply: FastifyReply,
  threadId: number,
  options: { page: number; notice: Notice | null; draft?: ReplyDraft; status?: number },
): Promise<FastifyReply> {
  const { courseKey, runCode } = request.params;
  const thread = await getThread(serviceContext(request), courseKey, runCode, threadId, { page: options.page });
  const [frame, topics] = await Promise.all([
    loadFrame(request, reply, thread.reader),
    loadTopics(request, thread.reader),
  ]);
  // A problem with the whole form shows at the top of the page: the form itself may be gone (a locked thread).
  let notice = options.notice;
  let draft = options.draft ?? null;
  if (draft?.errors._) {
    notice = { kind: 'error', key: draft.errors._ };
    const { _: _general, ...fields } = draft.errors;
    draft = { ...draft, errors: fields };
  }
  return sendPage(request, reply, {
    title: `${thread.title} · ${request.t.t('forum.title')}`,
    status: options.status,
    body: <ThreadPage state={{ frame, thread, topics, notice, draft, defaultLanguage: defaultLanguage(request) }} />,
  });
}

const STATE_CHANGES: Record<StateChange, { input: Record<string, boolean>; done: DoneCode }> = {
  pin: { input: { pinned: true }, done: 'pinned' },
  unpin: { input: { pinned: false }, done: 'unpinned' },
  close: { input: { closed: true }, done: 'closed' },
  reopen: { input: { closed: false }, done: 'reopened' },
  lock: { input: { locked: true }, done: 'locked' },
  unlock: { input: { locked: false }, done: 'unlocked' },
};

/** Where an anonymous visitor comes back to after signing in: the thread, when its id is one. */
function threadBack(request: ThreadRequest): string {
  const { threadId } = request.params;
  const paths = pathsOf(request);
  return /^[1-9][0-9]{0,14}$/.test(threadId) ? paths.thread(Number(threadId)) : paths.base;
}

async function postReply(request: ThreadRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { courseKey, runCode } = request.params;
  const threadId = requireRouteId(request.params.threadId, 'thread');
  const paths = pathsOf(request);
  const body = request.body;
  const parentText = optionalField(body, 'parentId');
  const page = readPage(readField(body, 'page'));
  const input = {
    body: readField(body, 'body'),
    language: optionalField(body, 'language') ?? defaultLanguage(request),
    requestKey: optionalField(body, 'requestKey'),
    ...(parentText === undefined ? {} : { parentId: parentText }),
  };
  const ctx = serviceContext(request);
  try {
    const { postId } = await createReply(ctx, courseKey, runCode, threadId, input);
    // A comment stays on its reply's page; a reply is the newest, so on the last page.
    const target =
      parentText === undefined ? (await getThread(ctx, courseKey, runCode, threadId)).replyPage.pages : page;
    const done: DoneCode = parentText === undefined ? 'replied' : 'commented';
    return redirectTo(reply, withNotice(paths.thread(threadId, target), { done }, `post-${postId}`));
  } catch (error) {
    const errors = formErrorsOf(error);
    if (!errors) throw error;
    const parentId = parentText !== undefined && /^[1-9][0-9]{0,14}$/.test(parentText) ? Number(parentText) : null;
    const draft: ReplyDraft = { parentId, body: input.body, language: input.language, errors };
    return sendThread(request, reply, threadId, {
      page: parentId === null ? 1 : page,
      notice: null,
      draft,
      status: statusOfRefusal(error),
    });
  }
}

export async function threadRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };

  app.get<{ Params: ThreadParams }>(THREAD_URL, async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const threadId = requireRouteId(request.params.threadId, 'thread');
    const query = request.query as Record<string, unknown>;
    return sendThread(request, reply, threadId, { page: readPage(query.page), notice: readNotice(query) });
  });

  app.post<{ Params: ThreadParams }>(`${THREAD_URL}/replies`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply, threadBack(request))) return reply;
    return postReply(request, reply);
  });

  app.post<{ Params: ThreadParams }>(`${THREAD_URL}/follow`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply, threadBack(request))) return reply;
    const { courseKey, runCode } = request.params;
    const threadId = requireRouteId(request.params.threadId, 'thread');
    const follow = readSwitch(request.body, 'follow');
    return runAction(request, reply, {
      fallback: pathsOf(request).thread(threadId),
      act: async () => {
        await followThread(serviceContext(request), courseKey, runCode, threadId, { follow });
        return follow === true ? 'followed' : 'unfollowed';
      },
    });
  });

  app.post<{ Params: ThreadParams }>(`${THREAD_URL}/state`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply, threadBack(request))) return reply;
    const { courseKey, runCode } = request.params;
    const threadId = requireRouteId(request.params.threadId, 'thread');
    const asked = readField(request.body, 'change');
    const change = pickOwnEntry(STATE_CHANGES, asked) ?? null;
    return runAction(request, reply, {
      fallback: pathsOf(request).thread(threadId),
      act: async () => {
        await setThreadState(serviceContext(request), courseKey, runCode, threadId, change?.input ?? {});
        return change!.done;
      },
    });
  });

  app.post<{ Params: ThreadParams }>(`${THREAD_URL}/answer`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply, threadBack(request))) return reply;
    const { courseKey, runCode } = request.params;
    const threadId = requireRouteId(request.params.threadId, 'thread');
    const chosen = readField(request.body, 'postId');
    const postId = chosen === 'none' ? null : chosen;
    return runAction(request, reply, {
      fallback: pathsOf(request).thread(threadId),
      ...(postId !== null && /^[1-9][0-9]{0,14}$/.test(postId) ? { anchor: `post-${postId}` } : {}),
      act: async () => {
        await markAnswer(serviceContext(request), courseKey, runCode, threadId, postId);
        return postId === null ? 'unanswered' : 'answered';
      },
    });
  });
}
