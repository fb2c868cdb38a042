import { renderMarkdown } from '../../platform/html/index.ts';
import type { ForumPost, ForumReader, ThreadPermissions } from './model.ts';
import { canModerate } from './access.ts';
import type { PostRow, ThreadRow } from './store.ts';
import { toAuthor } from './store.ts';

/*
 * Rendering Markdown costs more than reading the post, and a popular thread is read far more
 * often than written: rendered bodies are kept per post and edit time, bounded in number.
 */
const RENDERED_LIMIT = 5000;
const rendered = new Map<string, string>();

export function renderPostBody(row: Pick<PostRow, 'id' | 'body' | 'editedAt'>): string {
  const key = `${row.id}:${row.editedAt?.getTime() ?? 0}`;
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  const html = renderMarkdown(row.body);
  if (rendered.size >= RENDERED_LIMIT) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, html);
  return html;
}

/**
 * Whether the reader sees a post's words: a visible post, everyone; a hidden one, its author
 * (so they know what was moderated) and moderators; a removed one, moderators only.
 */
export function canReadBody(reader: ForumReader, row: Pick<PostRow, 'status' | 'authorId'>): boolean {
  if (row.status === 'visible') return true;
  if (canModerate(reader)) return true;
  return row.status === 'hidden' && row.authorId === reader.actor.userId;
}

export type PostMarks = { votedIds: Set<number>; flaggedIds: Set<number> };

export function presentPost(
  reader: ForumReader,
  row: PostRow,
  context: { names: Map<string, string>; marks: PostMarks; answerPostId: number | null },
): ForumPost {
  const readable = canReadBody(reader, row);
  const showReason = readable || row.authorId === reader.actor.userId;
  return {
    id: row.id,
    threadId: row.threadId,
    parentId: row.parentId,
    depth: row.depth as 0 | 1 | 2,
    author: toAuthor(context.names, row.authorId, row.authorCountry, row.authorRole),
    body: readable ? row.body : '',
    html: readable ? renderPostBody(row) : '',
    language: row.language,
    status: row.status,
    moderationReason: showReason ? row.moderationReason : null,
    moderatedAt: row.moderatedAt,
    endorsed: row.endorsed,
    isAnswer: context.answerPostId === row.id,
    voteCount: row.voteCount,
    votedByMe: context.marks.votedIds.has(row.id),
    openFlagCount: canModerate(reader) ? row.openFlagCount : 0,
    flaggedByMe: context.marks.flaggedIds.has(row.id),
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    comments: [],
  };
}

export function describePermissions(reader: ForumReader, thread: ThreadRow, now: Date): ThreadPermissions {
  const moderator = canModerate(reader);
  const staff = reader.role === 'staff';
  const { bannedAt, mutedUntil } = reader.standing;
  const silenced = !staff && (bannedAt !== null || (mutedUntil !== null && mutedUntil.getTime() > now.getTime()));
  const open = (!thread.locked || staff) && (!thread.closed || moderator) && (thread.status === 'visible' || moderator);
  const isAuthor = thread.authorId === reader.actor.userId;
  return {
    reply: open && !silenced,
    vote: !silenced && (!thread.locked || staff),
    follow: true,
    markAnswer: thread.kind === 'question' && (isAuthor || moderator) && (!thread.locked || staff),
    endorse: moderator,
    pin: staff,
    close: (isAuthor && !thread.locked) || moderator,
    lock: moderator,
    moderate: moderator,
  };
}
