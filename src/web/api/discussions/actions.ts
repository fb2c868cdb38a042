import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deleteOwnPost,
  editPost,
  endorsePost,
  flagPost,
  followThread,
  markAnswer,
  moderatePost,
  setThreadState,
  voteOnPost,
} from '../../../modules/discussions/index.ts';
import { requireSignedIn, serviceContextOf } from '../guards.ts';
import { FORUM_PATH, FORUM_WRITE_ERRORS, forumCommon, refuseInvalid, requireReaderFirst } from './access.ts';
import { POST_STATUSES } from './present.ts';
import {
  answerBodySchema,
  editBodySchema,
  endorsementBodySchema,
  flagBodySchema,
  followBodySchema,
  moderationBodySchema,
  postAddressSchema,
  threadAddressSchema,
  threadStateBodySchema,
  voteBodySchema,
} from './schemas.ts';

const THREAD = `${FORUM_PATH}/threads/:threadId`;
const POST = `${FORUM_PATH}/posts/:postId`;
const id = z.number().int();

/** What readers and moderators do to threads and posts: follow, vote, answer, report, moderate, edit. */
export async function actionRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const hooks = { onRequest: requireSignedIn, attachValidation: true };

  api.put(`${THREAD}/follow`, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'followThread',
      summary: 'Follow a thread, or stop following it',
      description: 'Followers are notified of replies. Following twice changes nothing.',
      params: threadAddressSchema,
      body: followBodySchema,
      response: { 200: z.object({ threadId: id, following: z.boolean() }), ...FORUM_WRITE_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, threadId } = request.params;
      return followThread(serviceContextOf(request), courseKey, runCode, threadId, request.body);
    },
  });

  api.patch(THREAD, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'setThreadState',
      summary: 'Pin, close or lock a thread, or undo it',
      description:
        'Staff pin; the author or moderators close (a thread a moderator locked, only moderators reopen); moderators lock. Moderators’ changes are audited.',
      params: threadAddressSchema,
      body: threadStateBodySchema,
      response: {
        200: z.object({ threadId: id, pinned: z.boolean(), closed: z.boolean(), locked: z.boolean() }),
        ...FORUM_WRITE_ERRORS,
      },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, threadId } = request.params;
      return setThreadState(serviceContextOf(request), courseKey, runCode, threadId, request.body);
    },
  });

  api.put(`${THREAD}/answer`, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'markAnswer',
      summary: 'Accept a reply as the answer to a question, or clear it',
      description:
        'The asker and moderators may; the reply’s author is told. Only question threads have answers (400 forum.not_a_question).',
      params: threadAddressSchema,
      body: answerBodySchema,
      response: { 200: z.object({ threadId: id, answerPostId: id.nullable() }), ...FORUM_WRITE_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, threadId } = request.params;
      return markAnswer(serviceContextOf(request), courseKey, runCode, threadId, request.body.postId);
    },
  });

  api.put(`${POST}/vote`, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'voteOnPost',
      summary: 'Upvote a post, or take the vote back',
      description: 'Voting twice counts once. Nobody votes for their own post (400 forum.own_post).',
      params: postAddressSchema,
      body: voteBodySchema,
      response: {
        200: z.object({ postId: id, voteCount: id, votedByMe: z.boolean() }),
        ...FORUM_WRITE_ERRORS,
      },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, postId } = request.params;
      return voteOnPost(serviceContextOf(request), courseKey, runCode, postId, request.body);
    },
  });

  api.post(`${POST}/flags`, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'flagPost',
      summary: 'Report a post to the moderators',
      description:
        'Once per post and person (409 forum.already_flagged); nobody reports their own post. Moderators see the report in the moderation queue.',
      params: postAddressSchema,
      body: flagBodySchema,
      response: { 201: z.object({ postId: id, flagId: id }).describe('The report.'), ...FORUM_WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      await refuseInvalid(request);
      const { courseKey, runCode, postId } = request.params;
      return reply
        .status(201)
        .send(await flagPost(serviceContextOf(request), courseKey, runCode, postId, request.body));
    },
  });

  api.post(`${POST}/moderation`, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'moderatePost',
      summary: 'Hide, unhide, remove or restore a post, or dismiss its reports',
      description:
        'For staff and community TAs. Hiding or removing an opening post does the same to its thread. Open reports are resolved, the author is told with the reason, and the decision is audited.',
      params: postAddressSchema,
      body: moderationBodySchema,
      response: { 200: z.object({ postId: id, status: z.enum(POST_STATUSES) }), ...FORUM_WRITE_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, postId } = request.params;
      return moderatePost(serviceContextOf(request), courseKey, runCode, postId, request.body);
    },
  });

  api.put(`${POST}/endorsement`, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'endorsePost',
      summary: 'Endorse a good post, or take the endorsement back',
      description: 'For staff and community TAs; the author is told.',
      params: postAddressSchema,
      body: endorsementBodySchema,
      response: { 200: z.object({ postId: id, endorsed: z.boolean() }), ...FORUM_WRITE_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, postId } = request.params;
      return endorsePost(serviceContextOf(request), courseKey, runCode, postId, request.body);
    },
  });

  api.patch(POST, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'editPost',
      summary: 'Edit your own post',
      description: 'While it is visible and its thread is not locked; the edit time is shown.',
      params: postAddressSchema,
      body: editBodySchema,
      response: { 200: z.object({ postId: id }), ...FORUM_WRITE_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, postId } = request.params;
      return editPost(serviceContextOf(request), courseKey, runCode, postId, request.body);
    },
  });

  api.delete(POST, {
    onRequest: requireReaderFirst,
    schema: {
      ...forumCommon,
      operationId: 'deletePost',
      summary: 'Remove your own post',
      description: 'Moderators still see it, and a reply keeps its place. Removing an opening post removes the thread.',
      params: postAddressSchema,
      response: { 204: z.undefined().describe('The post is removed.'), ...FORUM_WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      const { courseKey, runCode, postId } = request.params;
      await deleteOwnPost(serviceContextOf(request), courseKey, runCode, postId);
      return reply.status(204).send();
    },
  });
}
