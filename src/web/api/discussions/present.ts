import { z } from 'zod';
import {
  THREAD_KINDS,
  type ForumAuthor,
  type ForumPost,
  type ForumReader,
  type ForumRole,
  type PostStatus,
  type ThreadDetail,
  type ThreadSummary,
} from '../../../modules/discussions/index.ts';

/*
 * What the forum operations give. Every output is an allow-list of plain objects: people appear
 * by id, name and country, never by address, and dates are ISO 8601 strings.
 */

const iso = z.iso.datetime();
const ROLES = ['learner', 'community_ta', 'staff'] as const satisfies readonly ForumRole[];
export const POST_STATUSES = ['visible', 'hidden', 'deleted'] as const satisfies readonly PostStatus[];

const roleSchema = z
  .enum(ROLES)
  .describe('staff: the course team and its owners’ admins; community_ta: a learner staff trust to moderate.');

export const authorSchema = z
  .object({
    id: z.string().describe('The person’s id.'),
    name: z.string(),
    country: z.string().nullable().describe('ISO 3166-1 alpha-2 code from their profile, when they gave one.'),
    role: roleSchema.describe('Their place in the forum when they wrote.'),
  })
  .meta({ id: 'ForumAuthor' });

export const readerSchema = z
  .object({
    role: roleSchema.describe('Your place in this forum.'),
    mutedUntil: iso.nullable().describe('You cannot post until then; null when not muted.'),
    banned: z.boolean().describe('Whether you were removed from posting here.'),
    sanctionReason: z.string().nullable().describe('Why moderators muted or banned you.'),
  })
  .meta({ id: 'ForumReader' });

const postFields = {
  id: z.number().int(),
  threadId: z.number().int(),
  parentId: z.number().int().nullable().describe('The reply a comment is under; null otherwise.'),
  depth: z.number().int().describe('0: the opening post; 1: a reply; 2: a comment on a reply.'),
  author: authorSchema,
  body: z.string().describe('The Markdown source; empty when you may not see a moderated post’s words.'),
  html: z.string().describe('The body rendered to sanitised HTML; empty as the body.'),
  language: z.string(),
  status: z.enum(POST_STATUSES),
  moderationReason: z.string().nullable().describe('Why a moderator hid or removed it, for its author and moderators.'),
  moderatedAt: iso.nullable(),
  endorsed: z.boolean().describe('Staff or a community TA vouched for it.'),
  isAnswer: z.boolean().describe('The accepted answer of a question.'),
  voteCount: z.number().int(),
  votedByMe: z.boolean(),
  openFlagCount: z.number().int().describe('Open reports; 0 unless you moderate.'),
  flaggedByMe: z.boolean(),
  createdAt: iso,
  editedAt: iso.nullable(),
};

export const commentSchema = z.object(postFields).meta({ id: 'ForumComment' });
export const postSchema = z
  .object({ ...postFields, comments: z.array(commentSchema).describe('Comments on a reply, oldest first.') })
  .meta({ id: 'ForumPost' });

export const threadSummarySchema = z
  .object({
    id: z.number().int(),
    topic: z.string().describe('general, section:<key> or block:<key>.'),
    circleId: z.number().int().nullable().describe('The study circle it belongs to; null in the open forum.'),
    kind: z.enum(THREAD_KINDS),
    title: z.string(),
    author: authorSchema,
    language: z.string(),
    status: z.enum(POST_STATUSES),
    pinned: z.boolean(),
    closed: z.boolean().describe('No new replies, but from moderators.'),
    locked: z.boolean().describe('Nothing changes any more, but by staff.'),
    answered: z.boolean(),
    replyCount: z.number().int(),
    voteCount: z.number().int(),
    lastActivityAt: iso,
    createdAt: iso,
  })
  .meta({ id: 'ForumThreadSummary' });

const permissionsSchema = z
  .object({
    reply: z.boolean(),
    vote: z.boolean(),
    follow: z.boolean(),
    markAnswer: z.boolean(),
    endorse: z.boolean(),
    pin: z.boolean(),
    close: z.boolean(),
    lock: z.boolean(),
    moderate: z.boolean(),
  })
  .describe('What you may do in this thread, so clients show only working controls.');

export const threadSchema = threadSummarySchema
  .extend({
    opening: postSchema,
    replies: z.array(postSchema).describe('One page of replies, oldest first.'),
    replyPage: z.object({ page: z.number().int(), pages: z.number().int(), total: z.number().int() }),
    followedByMe: z.boolean(),
    can: permissionsSchema,
    reader: readerSchema,
  })
  .meta({ id: 'ForumThread' });

export const threadPageSchema = z.object({
  threads: z.array(threadSummarySchema),
  page: z.number().int(),
  pages: z.number().int(),
  total: z.number().int(),
  reader: readerSchema,
});

export type PresentedPost = z.output<typeof postSchema>;

export function presentAuthor(author: ForumAuthor) {
  return { id: author.id, name: author.name, country: author.country, role: author.role };
}

export function presentReader(reader: ForumReader) {
  const { mutedUntil, bannedAt, sanctionReason } = reader.standing;
  return {
    role: reader.role,
    mutedUntil: mutedUntil ? mutedUntil.toISOString() : null,
    banned: bannedAt !== null,
    sanctionReason,
  };
}

function presentPostFields(post: ForumPost) {
  return {
    id: post.id,
    threadId: post.threadId,
    parentId: post.parentId,
    depth: post.depth,
    author: presentAuthor(post.author),
    body: post.body,
    html: post.html,
    language: post.language,
    status: post.status,
    moderationReason: post.moderationReason,
    moderatedAt: post.moderatedAt ? post.moderatedAt.toISOString() : null,
    endorsed: post.endorsed,
    isAnswer: post.isAnswer,
    voteCount: post.voteCount,
    votedByMe: post.votedByMe,
    openFlagCount: post.openFlagCount,
    flaggedByMe: post.flaggedByMe,
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt ? post.editedAt.toISOString() : null,
  };
}

export function presentPost(post: ForumPost): PresentedPost {
  return { ...presentPostFields(post), comments: post.comments.map(presentPostFields) };
}

export function presentThreadSummary(thread: ThreadSummary) {
  return {
    id: thread.id,
    topic: thread.topic,
    circleId: thread.circleId,
    kind: thread.kind,
    title: thread.title,
    author: presentAuthor(thread.author),
    language: thread.language,
    status: thread.status,
    pinned: thread.pinned,
    closed: thread.closed,
    locked: thread.locked,
    answered: thread.answered,
    replyCount: thread.replyCount,
    voteCount: thread.voteCount,
    lastActivityAt: thread.lastActivityAt.toISOString(),
    createdAt: thread.createdAt.toISOString(),
  };
}

export function presentThread(thread: ThreadDetail & { reader: ForumReader }) {
  return {
    ...presentThreadSummary(thread),
    opening: presentPost(thread.opening),
    replies: thread.replies.map(presentPost),
    replyPage: { ...thread.replyPage },
    followedByMe: thread.followedByMe,
    can: { ...thread.can },
    reader: presentReader(thread.reader),
  };
}
