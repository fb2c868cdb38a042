import { defineStatement, readTimestamp, runStatement, type Executor } from '../../platform/db/index.ts';
import type { ForumRole, MemberStanding, PostStatus, ThreadKind } from './model.ts';
import type { dscThread } from './schema.ts';

type ThreadRow = typeof dscThread.$inferSelect;

/*
 * The statements every forum request runs, named and prepared once per connection (ADR 0023):
 * a reader's standing, a thread by id, and a whole reply in one statement. Everything else is
 * built with Drizzle.
 */

type RawStanding = {
  community_ta: boolean;
  muted_until: string | Date | null;
  banned_at: string | Date | null;
  sanction_reason: string | null;
};

const SELECT_STANDING = defineStatement<RawStanding>(
  'dsc_select_standing',
  'select community_ta, muted_until, banned_at, sanction_reason from dsc_member where run_id = $1 and user_id = $2::uuid',
);

export async function readStanding(executor: Executor, runId: number, userId: string): Promise<MemberStanding | null> {
  const [row] = await runStatement(executor, SELECT_STANDING, [runId, userId]);
  if (!row) return null;
  return {
    communityTa: row.community_ta,
    mutedUntil: row.muted_until === null ? null : readTimestamp(row.muted_until),
    bannedAt: row.banned_at === null ? null : readTimestamp(row.banned_at),
    sanctionReason: row.sanction_reason,
  };
}

type RawThread = {
  id: string | number;
  run_id: string | number;
  course_id: string | number;
  topic: string;
  circle_id: string | number | null;
  kind: ThreadKind;
  title: string;
  author_id: string;
  author_country: string | null;
  author_role: ForumRole;
  language: string;
  status: PostStatus;
  pinned: boolean;
  closed: boolean;
  locked: boolean;
  answer_post_id: string | number | null;
  reply_count: number;
  vote_count: number;
  last_activity_at: string | Date;
  created_at: string | Date;
  updated_at: string | Date;
};

const SELECT_THREAD = defineStatement<RawThread>(
  'dsc_select_thread',
  'select * from dsc_thread where id = $1 and run_id = $2',
);

function readOptionalId(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}

export function toThreadRow(raw: RawThread): ThreadRow {
  return {
    id: Number(raw.id),
    runId: Number(raw.run_id),
    courseId: Number(raw.course_id),
    topic: raw.topic,
    circleId: readOptionalId(raw.circle_id),
    kind: raw.kind,
    title: raw.title,
    authorId: raw.author_id,
    authorCountry: raw.author_country,
    authorRole: raw.author_role,
    language: raw.language,
    status: raw.status,
    pinned: raw.pinned,
    closed: raw.closed,
    locked: raw.locked,
    answerPostId: readOptionalId(raw.answer_post_id),
    replyCount: Number(raw.reply_count),
    voteCount: Number(raw.vote_count),
    lastActivityAt: readTimestamp(raw.last_activity_at),
    createdAt: readTimestamp(raw.created_at),
    updatedAt: readTimestamp(raw.updated_at),
  };
}

export async function readThread(executor: Executor, runId: number, threadId: number): Promise<ThreadRow | null> {
  const [row] = await runStatement(executor, SELECT_THREAD, [threadId, runId]);
  return row ? toThreadRow(row) : null;
}

/**
 * A reply or comment in one statement: the thread's counters move only while it is open to the
 * writer (the row lock lasts this statement alone), the post is inserted, followers (and for a
 * comment the reply's author) are notified, and the writer follows the thread unless they turned
 * that off. No row back means the thread closed, locked or was hidden in the meantime.
 * Parameters: $1 thread, $2 run, $3 now, $4 may post in a locked thread, $5 … in a closed or
 * hidden one, $6 parent post, $7 depth, $8 author, $9 body, $10 language, $11 country, $12 role,
 * $13 request key, $14 parent's author (for a comment).
 */
const INSERT_REPLY = defineStatement<{ id: string | number }>(
  'dsc_insert_reply',
  `with thread as (
     update dsc_thread set reply_count = reply_count + case when $7::smallint = 1 then 1 else 0 end, last_activity_at = $3::timestamptz, updated_at = $3::timestamptz
     where id = $1 and run_id = $2 and (not locked or $4::boolean) and ((not closed and status = 'visible') or $5::boolean)
     returning id, run_id
   ), post as (
     insert into dsc_post (thread_id, run_id, parent_id, depth, author_id, body, language, author_country, author_role,
                           request_key, created_at)
     select id, run_id, $6::bigint, $7::smallint, $8::uuid, $9, $10, $11, $12, $13, $3::timestamptz from thread
     returning id
   ), notified as (
     insert into dsc_notification (user_id, kind, run_id, thread_id, post_id, actor_id, created_at)
     select f.user_id, 'reply', $2, $1, post.id, $8::uuid, $3::timestamptz from dsc_follow f, post
       where f.thread_id = $1 and f.user_id <> $8::uuid and f.user_id is distinct from $14::uuid
     union all
     select $14::uuid, 'comment', $2, $1, post.id, $8::uuid, $3::timestamptz from post
       where $14::uuid is not null and $14::uuid <> $8::uuid
   ), followed as (
     insert into dsc_follow (thread_id, user_id, created_at)
     select $1, $8::uuid, $3::timestamptz from post
       where not exists (select 1 from dsc_preference p where p.user_id = $8::uuid and not p.auto_follow)
     on conflict do nothing
   )
   select id from post`,
);

export type ReplyRow = {
  threadId: number;
  runId: number;
  parentId: number | null;
  depth: 1 | 2;
  authorId: string;
  body: string;
  language: string;
  authorCountry: string | null;
  authorRole: ForumRole;
  requestKey: string | null;
  parentAuthorId: string | null;
  mayPostLocked: boolean;
  mayPostClosed: boolean;
  at: Date;
};

/** The new post's id, or null when the thread no longer takes this writer's replies. */
export async function insertReply(executor: Executor, reply: ReplyRow): Promise<number | null> {
  const [row] = await runStatement(executor, INSERT_REPLY, [
    reply.threadId,
    reply.runId,
    reply.at.toISOString(),
    reply.mayPostLocked,
    reply.mayPostClosed,
    reply.parentId,
    reply.depth,
    reply.authorId,
    reply.body,
    reply.language,
    reply.authorCountry,
    reply.authorRole,
    reply.requestKey,
    reply.parentAuthorId,
  ]);
  return row ? Number(row.id) : null;
}
