import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  REPLIES_PAGE_SIZE,
  THREADS_PAGE_SIZE,
  createReply,
  createThread,
  getForumOverview,
  getThread,
  listThreads,
} from '../../../modules/discussions/index.ts';
import { requireSignedIn, serviceContextOf } from '../guards.ts';
import {
  FORUM_ERRORS,
  FORUM_PATH,
  FORUM_WRITE_ERRORS,
  TOO_MANY_POSTS,
  forumCommon,
  readRequestKey,
  refuseInvalid,
} from './access.ts';
import {
  presentReader,
  presentThread,
  presentThreadSummary,
  readerSchema,
  threadPageSchema,
  threadSchema,
} from './present.ts';
import {
  idempotencyHeadersSchema,
  newReplyBodySchema,
  newThreadBodySchema,
  runAddressSchema,
  threadAddressSchema,
  threadListQuerySchema,
  threadPageQuerySchema,
} from './schemas.ts';

const forumSchema = z
  .object({
    reader: readerSchema,
    topics: z
      .array(
        z.object({
          key: z.string().describe('What threads name as their topic.'),
          title: z.string(),
          kind: z.enum(['general', 'section', 'block']),
        }),
      )
      .describe('The general topic, one per section of the run’s release, and one per discussion block.'),
    myCircleId: z.number().int().nullable().describe('Your study circle in this run, if you are in one.'),
  })
  .describe('What a reader needs to find their way in the forum.');

const replyCreatedSchema = z.object({ postId: z.number().int(), threadId: z.number().int() });

/** The forum of a run: its topics, its threads, starting a thread, reading one and replying. */
export async function threadRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(FORUM_PATH, {
    onRequest: requireSignedIn,
    attachValidation: true,
    schema: {
      ...forumCommon,
      operationId: 'getForum',
      summary: 'Show a run’s forum: its topics and your place in it',
      description:
        'For the active learners of the run and the course staff who see its learners; anyone else gets 404, as for a forum that does not exist.',
      params: runAddressSchema,
      response: { 200: forumSchema, ...FORUM_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      const { reader, topics, myCircleId } = await getForumOverview(serviceContextOf(request), courseKey, runCode);
      return {
        reader: presentReader(reader),
        topics: topics.map((topic) => ({ key: topic.key, title: topic.title, kind: topic.kind })),
        myCircleId,
      };
    },
  });

  api.get(`${FORUM_PATH}/threads`, {
    onRequest: requireSignedIn,
    attachValidation: true,
    schema: {
      ...forumCommon,
      operationId: 'listThreads',
      summary: 'List the threads of a run’s forum',
      description: `${THREADS_PAGE_SIZE} threads a page, pinned ones first. Moderators also see hidden threads; authors see their own hidden ones. A study circle’s threads are listed only with \`circle\`.`,
      params: runAddressSchema,
      querystring: threadListQuerySchema,
      response: { 200: threadPageSchema, ...FORUM_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      const page = await listThreads(serviceContextOf(request), courseKey, runCode, request.query);
      return {
        threads: page.threads.map(presentThreadSummary),
        page: page.page,
        pages: page.pages,
        total: page.total,
        reader: presentReader(page.reader),
      };
    },
  });

  api.post(`${FORUM_PATH}/threads`, {
    onRequest: requireSignedIn,
    attachValidation: true,
    schema: {
      ...forumCommon,
      operationId: 'createThread',
      summary: 'Start a thread',
      description:
        'You follow it unless you turned that off. Send an Idempotency-Key header (or requestKey): a retry with the same key returns the thread it made with 200 and posts nothing. Muted and banned participants get 403; posting too fast, 429.',
      params: runAddressSchema,
      headers: idempotencyHeadersSchema,
      body: newThreadBodySchema,
      response: {
        201: threadSchema.describe('The new thread.'),
        200: threadSchema.describe('A retry: the thread made with this key before.'),
        ...FORUM_ERRORS,
        ...TOO_MANY_POSTS,
      },
    },
    handler: async (request, reply) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      const requestKey = readRequestKey(request, request.body.requestKey);
      const ctx = serviceContextOf(request);
      const { threadId, created } = await createThread(ctx, courseKey, runCode, { ...request.body, requestKey });
      const thread = await getThread(ctx, courseKey, runCode, threadId);
      return reply.status(created ? 201 : 200).send(presentThread(thread));
    },
  });

  api.get(`${FORUM_PATH}/threads/:threadId`, {
    onRequest: requireSignedIn,
    attachValidation: true,
    schema: {
      ...forumCommon,
      operationId: 'getThread',
      summary: 'Show a thread with one page of replies',
      description: `The opening post and ${REPLIES_PAGE_SIZE} replies a page, oldest first, each with its comments. Moderated posts keep their place; their words are shown to their author and moderators only.`,
      params: threadAddressSchema,
      querystring: threadPageQuerySchema,
      response: { 200: threadSchema, ...FORUM_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode, threadId } = request.params;
      const ctx = serviceContextOf(request);
      return presentThread(await getThread(ctx, courseKey, runCode, threadId, { page: request.query.page }));
    },
  });

  api.post(`${FORUM_PATH}/threads/:threadId/replies`, {
    onRequest: requireSignedIn,
    attachValidation: true,
    schema: {
      ...forumCommon,
      operationId: 'createReply',
      summary: 'Reply to a thread, or comment on a reply',
      description:
        'Followers are told. A closed thread takes replies from moderators only, a locked one from staff only (409). Send an Idempotency-Key header (or requestKey): a retry with the same key returns the post it made with 200.',
      params: threadAddressSchema,
      headers: idempotencyHeadersSchema,
      body: newReplyBodySchema,
      response: {
        201: replyCreatedSchema.describe('The new post.'),
        200: replyCreatedSchema.describe('A retry: the post made with this key before.'),
        ...FORUM_WRITE_ERRORS,
        ...TOO_MANY_POSTS,
      },
    },
    handler: async (request, reply) => {
      await refuseInvalid(request);
      const { courseKey, runCode, threadId } = request.params;
      const requestKey = readRequestKey(request, request.body.requestKey);
      const input = { ...request.body, requestKey };
      const outcome = await createReply(serviceContextOf(request), courseKey, runCode, threadId, input);
      return reply.status(outcome.created ? 201 : 200).send({ postId: outcome.postId, threadId: outcome.threadId });
    },
  });
}
