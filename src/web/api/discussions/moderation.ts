import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FLAG_REASONS,
  QUEUE_PAGE_SIZE,
  listForumMembers,
  listModerationQueue,
  setMemberStanding,
  type MemberStanding,
} from '../../../modules/discussions/index.ts';
import { requireSignedIn, serviceContextOf } from '../guards.ts';
import { FORUM_ERRORS, FORUM_PATH, forumCommon, refuseInvalid } from './access.ts';
import { postSchema, presentPost } from './present.ts';
import { queueQuerySchema, runAddressSchema, standingBodySchema } from './schemas.ts';

const iso = z.iso.datetime();

const queueSchema = z.object({
  view: z.enum(['flagged', 'hidden']),
  page: z.number().int(),
  hasMore: z.boolean().describe('Whether a next page exists.'),
  items: z.array(
    z.object({
      post: postSchema,
      threadId: z.number().int(),
      threadTitle: z.string(),
      flags: z
        .array(z.object({ reason: z.enum(FLAG_REASONS), note: z.string().nullable(), createdAt: iso }))
        .describe('The open reports, newest first; who made them is not shown.'),
    }),
  ),
});

const standingFields = {
  userId: z.string(),
  communityTa: z.boolean(),
  mutedUntil: iso.nullable().describe('Muted until then; null when not muted.'),
  bannedAt: iso.nullable().describe('Banned since then; null when not banned.'),
  sanctionReason: z.string().nullable(),
};

const standingSchema = z.object(standingFields).meta({ id: 'ForumStanding' });

const memberSchema = z
  .object({ ...standingFields, name: z.string(), country: z.string().nullable() })
  .describe('A learner with a standing in the forum.');

function presentStanding(standing: MemberStanding & { userId: string }) {
  return {
    userId: standing.userId,
    communityTa: standing.communityTa,
    mutedUntil: standing.mutedUntil ? standing.mutedUntil.toISOString() : null,
    bannedAt: standing.bannedAt ? standing.bannedAt.toISOString() : null,
    sanctionReason: standing.sanctionReason,
  };
}

/** The moderators' side of a forum: the queue of reported and hidden posts, and learners' standing. */
export async function moderationRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const hooks = { onRequest: requireSignedIn, attachValidation: true };

  api.get(`${FORUM_PATH}/moderation`, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'listModerationQueue',
      summary: 'List reported or hidden posts for moderators',
      description: `For staff and community TAs: posts with open reports (or, with view=hidden, posts moderators hid), ${QUEUE_PAGE_SIZE} a page, newest first.`,
      params: runAddressSchema,
      querystring: queueQuerySchema,
      response: { 200: queueSchema, ...FORUM_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      const queue = await listModerationQueue(serviceContextOf(request), courseKey, runCode, request.query);
      return {
        view: queue.view,
        page: queue.page,
        hasMore: queue.hasMore,
        items: queue.items.map((item) => ({
          post: presentPost(item.post),
          threadId: item.threadId,
          threadTitle: item.threadTitle,
          flags: item.flags.map((flag) => ({
            reason: flag.reason,
            note: flag.note,
            createdAt: flag.createdAt.toISOString(),
          })),
        })),
      };
    },
  });

  api.get(`${FORUM_PATH}/members`, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'listForumMembers',
      summary: 'List community TAs and muted or banned learners',
      description: 'For staff and community TAs; the latest change first.',
      params: runAddressSchema,
      response: { 200: z.object({ members: z.array(memberSchema) }), ...FORUM_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      const { members } = await listForumMembers(serviceContextOf(request), courseKey, runCode);
      return {
        members: members.map((member) => ({
          ...presentStanding(member),
          name: member.name,
          country: member.country,
        })),
      };
    },
  });

  api.post(`${FORUM_PATH}/members`, {
    ...hooks,
    schema: {
      ...forumCommon,
      operationId: 'setMemberStanding',
      summary: 'Grant the community TA role, mute, ban, or undo it',
      description:
        'Staff grant or take back the community TA role and ban or unban; moderators mute for some hours (0 ends a mute) and must say why. Staff cannot be sanctioned, nor anyone themselves. The learner is told and the change is audited.',
      params: runAddressSchema,
      body: standingBodySchema,
      response: { 200: standingSchema, ...FORUM_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      return presentStanding(await setMemberStanding(serviceContextOf(request), courseKey, runCode, request.body));
    },
  });
}
