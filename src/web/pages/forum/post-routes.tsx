import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  MODERATION_ACTIONS,
  deleteOwnPost,
  editPost,
  endorsePost,
  flagPost,
  getThread,
  moderatePost,
  voteOnPost,
  type ForumPost,
  type ModerationAction,
  type ThreadDetail,
} from '../../../modules/discussions/index.ts';
import { forbidden, notFound } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import type { FieldErrors } from '../../views/forms.tsx';
import { serviceContext } from '../learn/shared.ts';
import { readPage, readSwitch, runAction } from './actions.ts';
import { EditPostPage } from './edit-view.tsx';
import { formErrorsOf, optionalField, readField } from './form.ts';
import { loadFrame, pathsOf, requireRouteId, sendToSignIn, type PostParams } from './frame.ts';
import { readBack, statusOfRefusal, withNotice } from './notices.ts';

type PostRequest = FastifyRequest<{ Params: PostParams }>;

const POST_URL = '/learn/:courseKey/:runCode/forum/posts/:postId';

function findPost(thread: ThreadDetail, postId: number): ForumPost | null {
  const posts = [thread.opening, ...thread.replies, ...thread.replies.flatMap((reply) => reply.comments)];
  return posts.find((post) => post.id === postId) ?? null;
}

/**
 * The edit form of one's own post. The address names the thread and reply page the post is on
 * (the links to it do), so the post comes from the thread as the reader sees it.
 * Errors: not_found (forum, thread, post), forbidden (someone else's or a moderated post).
 */
async function sendEditForm(
  request: PostRequest,
  reply: FastifyReply,
  where: { thread: string; page: number },
  options: { body?: string; errors?: FieldErrors; status?: number } = {},
): Promise<FastifyReply> {
  const { courseKey, runCode } = request.params;
  const postId = requireRouteId(request.params.postId, 'post');
  const threadId = requireRouteId(where.thread, 'post');
  const thread = await getThread(serviceContext(request), courseKey, runCode, threadId, { page: where.page });
  const post = findPost(thread, postId);
  if (!post) throw notFound('post');
  if (post.author.id !== thread.reader.actor.userId || post.status !== 'visible') {
    throw forbidden('Only its author edits a post, and only while it is visible.');
  }
  const frame = await loadFrame(request, reply, thread.reader);
  return sendPage(request, reply, {
    title: `${request.t.t('forum.edit.title')} · ${thread.title}`,
    status: options.status,
    body: (
      <EditPostPage
        state={{
          frame,
          thread,
          post,
          replyPage: thread.replyPage.page,
          body: options.body ?? post.body,
          errors: options.errors ?? {},
        }}
      />
    ),
  });
}

function isModerationAction(value: string): value is ModerationAction {
  return (MODERATION_ACTIONS as readonly string[]).includes(value);
}

export async function postRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };
  /** Every action on a post goes back to the page it came from, at the post. */
  const onPost = (request: PostRequest) => ({
    fallback: pathsOf(request).base,
    anchor: `post-${requireRouteId(request.params.postId, 'post')}`,
  });

  app.post<{ Params: PostParams }>(`${POST_URL}/vote`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const { courseKey, runCode, postId } = request.params;
    const up = readSwitch(request.body, 'up');
    return runAction(request, reply, {
      ...onPost(request),
      act: async () => {
        await voteOnPost(serviceContext(request), courseKey, runCode, postId, { up });
        return up === true ? 'voted' : 'unvoted';
      },
    });
  });

  app.post<{ Params: PostParams }>(`${POST_URL}/flag`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const { courseKey, runCode, postId } = request.params;
    const note = optionalField(request.body, 'note');
    const input = { reason: readField(request.body, 'reason'), ...(note === undefined ? {} : { note }) };
    return runAction(request, reply, {
      ...onPost(request),
      act: async () => {
        await flagPost(serviceContext(request), courseKey, runCode, postId, input);
        return 'flagged';
      },
    });
  });

  app.post<{ Params: PostParams }>(`${POST_URL}/moderate`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const { courseKey, runCode, postId } = request.params;
    const action = readField(request.body, 'action');
    const reason = optionalField(request.body, 'reason');
    const input = { action, ...(reason === undefined ? {} : { reason }) };
    return runAction(request, reply, {
      ...onPost(request),
      act: async () => {
        await moderatePost(serviceContext(request), courseKey, runCode, postId, input);
        return isModerationAction(action) ? action : 'hide';
      },
    });
  });

  app.post<{ Params: PostParams }>(`${POST_URL}/endorse`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const { courseKey, runCode, postId } = request.params;
    const endorsed = readSwitch(request.body, 'endorsed');
    return runAction(request, reply, {
      ...onPost(request),
      act: async () => {
        await endorsePost(serviceContext(request), courseKey, runCode, postId, { endorsed });
        return endorsed === true ? 'endorsed' : 'unendorsed';
      },
    });
  });

  app.post<{ Params: PostParams }>(`${POST_URL}/delete`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const { courseKey, runCode, postId } = request.params;
    return runAction(request, reply, {
      ...onPost(request),
      act: async () => {
        await deleteOwnPost(serviceContext(request), courseKey, runCode, postId);
        return 'removed';
      },
    });
  });

  app.get<{ Params: PostParams }>(`${POST_URL}/edit`, async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const query = request.query as Record<string, unknown>;
    return sendEditForm(request, reply, { thread: readField(query, 'thread'), page: readPage(query.page) });
  });

  app.post<{ Params: PostParams }>(`${POST_URL}/edit`, csrf, async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const { courseKey, runCode } = request.params;
    const postId = requireRouteId(request.params.postId, 'post');
    const body = readField(request.body, 'body');
    const where = { thread: readField(request.body, 'thread'), page: readPage(readField(request.body, 'page')) };
    try {
      await editPost(serviceContext(request), courseKey, runCode, postId, { body });
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendEditForm(request, reply, where, { body, errors, status: statusOfRefusal(error) });
    }
    const paths = pathsOf(request);
    const fallback = /^[1-9][0-9]{0,14}$/.test(where.thread)
      ? paths.thread(Number(where.thread), where.page)
      : paths.base;
    const back = readBack(readField(request.body, 'next'), paths.base, fallback);
    return redirectTo(reply, withNotice(back, { done: 'edited' }, `post-${postId}`));
  });
}
