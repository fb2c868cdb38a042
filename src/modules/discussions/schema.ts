import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { crsCourse, crsRun } from '../courses/schema.ts';
import { idnUser } from '../identity/schema.ts';

export const FORUM_ROLES = ['learner', 'community_ta', 'staff'] as const;
export const THREAD_KINDS = ['question', 'discussion'] as const;
export const POST_STATUSES = ['visible', 'hidden', 'deleted'] as const;
export const FLAG_REASONS = ['spam', 'abuse', 'harassment', 'off_topic', 'misinformation', 'other'] as const;
export const FLAG_RESOLUTIONS = ['hidden', 'deleted', 'dismissed'] as const;
export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export const NOTIFICATION_KINDS = ['reply', 'comment', 'answer', 'endorsement', 'moderation', 'circle'] as const;

/**
 * A thread of a run's forum. `topic` names where it lives: 'general', 'section:<key>' or
 * 'block:<key>' (a discussion placed in a unit); `circleId` puts it in a study circle, whose
 * threads only the circle and staff read. Counters are kept in step by every post write, so a
 * thread list is one indexed read.
 */
export const dscThread = pgTable(
  'dsc_thread',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsRun.id, { onDelete: 'cascade' }),
    courseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsCourse.id, { onDelete: 'cascade' }),
    topic: text().notNull(),
    circleId: bigint({ mode: 'number' }).references(() => dscCircle.id, { onDelete: 'cascade' }),
    kind: text({ enum: THREAD_KINDS }).notNull(),
    title: text().notNull(),
    authorId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    authorCountry: text(),
    authorRole: text({ enum: FORUM_ROLES }).notNull().default('learner'),
    language: text().notNull(),
    status: text({ enum: POST_STATUSES }).notNull().default('visible'),
    pinned: boolean().notNull().default(false),
    closed: boolean().notNull().default(false),
    locked: boolean().notNull().default(false),
    answerPostId: bigint({ mode: 'number' }),
    replyCount: integer().notNull().default(0),
    voteCount: integer().notNull().default(0),
    lastActivityAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('dsc_thread_run_activity_idx').on(table.runId, table.circleId, table.lastActivityAt.desc()),
    index('dsc_thread_run_votes_idx').on(table.runId, table.circleId, table.voteCount.desc()),
    index('dsc_thread_title_trgm_idx').using('gin', sql`${table.title} gin_trgm_ops`),
    check('dsc_thread_kind_valid', sql`${table.kind} in ('question', 'discussion')`),
    check('dsc_thread_status_valid', sql`${table.status} in ('visible', 'hidden', 'deleted')`),
    check('dsc_thread_counts_valid', sql`${table.replyCount} >= 0 and ${table.voteCount} >= 0`),
  ],
);

/**
 * A post: the thread's opening post (depth 0), a reply (depth 1) or a comment on a reply
 * (depth 2, `parentId` the reply). The Markdown source is stored and rendered when shown.
 * `authorCountry` is the author's country when they posted; `requestKey` makes a retried
 * submission return the post it already created.
 */
export const dscPost = pgTable(
  'dsc_post',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    threadId: bigint({ mode: 'number' })
      .notNull()
      .references(() => dscThread.id, { onDelete: 'cascade' }),
    runId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsRun.id, { onDelete: 'cascade' }),
    parentId: bigint({ mode: 'number' }),
    depth: smallint().notNull(),
    authorId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    language: text().notNull(),
    authorCountry: text(),
    /** The author's place in the forum when they posted, shown as a badge. */
    authorRole: text({ enum: FORUM_ROLES }).notNull().default('learner'),
    status: text({ enum: POST_STATUSES }).notNull().default('visible'),
    moderationReason: text(),
    moderatedAt: timestamp({ withTimezone: true }),
    moderatedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    endorsed: boolean().notNull().default(false),
    voteCount: integer().notNull().default(0),
    openFlagCount: integer().notNull().default(0),
    requestKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    editedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('dsc_post_thread_idx').on(table.threadId, table.depth, table.createdAt),
    index('dsc_post_author_idx').on(table.authorId, table.createdAt),
    index('dsc_post_flagged_idx')
      .on(table.runId, table.createdAt)
      .where(sql`${table.openFlagCount} > 0`),
    index('dsc_post_body_trgm_idx').using('gin', sql`${table.body} gin_trgm_ops`),
    uniqueIndex('dsc_post_request_unique')
      .on(table.authorId, table.requestKey)
      .where(sql`${table.requestKey} is not null`),
    check('dsc_post_depth_valid', sql`${table.depth} between 0 and 2`),
    check('dsc_post_status_valid', sql`${table.status} in ('visible', 'hidden', 'deleted')`),
    check('dsc_post_counts_valid', sql`${table.voteCount} >= 0 and ${table.openFlagCount} >= 0`),
  ],
);

/** One upvote per person and post. */
export const dscVote = pgTable(
  'dsc_vote',
  {
    postId: bigint({ mode: 'number' })
      .notNull()
      .references(() => dscPost.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.postId, table.userId] })],
);

/** People who follow a thread and are notified of its replies. */
export const dscFollow = pgTable(
  'dsc_follow',
  {
    threadId: bigint({ mode: 'number' })
      .notNull()
      .references(() => dscThread.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.threadId, table.userId] }), index('dsc_follow_user_idx').on(table.userId)],
);

/** A report of a post by a reader; open until a moderator resolves it. */
export const dscFlag = pgTable(
  'dsc_flag',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    postId: bigint({ mode: 'number' })
      .notNull()
      .references(() => dscPost.id, { onDelete: 'cascade' }),
    runId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsRun.id, { onDelete: 'cascade' }),
    reporterId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    reason: text({ enum: FLAG_REASONS }).notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    resolution: text({ enum: FLAG_RESOLUTIONS }),
  },
  (table) => [
    unique('dsc_flag_post_reporter_unique').on(table.postId, table.reporterId),
    index('dsc_flag_open_idx')
      .on(table.runId, table.createdAt)
      .where(sql`${table.resolvedAt} is null`),
  ],
);

/**
 * A person's standing in one run's forum: community teaching assistant (granted by staff),
 * muted until a time, or banned. No row means an ordinary participant.
 */
export const dscMember = pgTable(
  'dsc_member',
  {
    runId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsRun.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    communityTa: boolean().notNull().default(false),
    mutedUntil: timestamp({ withTimezone: true }),
    bannedAt: timestamp({ withTimezone: true }),
    sanctionReason: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
  },
  (table) => [primaryKey({ columns: [table.runId, table.userId] })],
);

/** What happened for a person in a forum; `digestedAt` is set once it went out in an e-mail digest. */
export const dscNotification = pgTable(
  'dsc_notification',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
    runId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsRun.id, { onDelete: 'cascade' }),
    threadId: bigint({ mode: 'number' }).references(() => dscThread.id, { onDelete: 'cascade' }),
    postId: bigint({ mode: 'number' }).references(() => dscPost.id, { onDelete: 'cascade' }),
    actorId: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    detail: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    readAt: timestamp({ withTimezone: true }),
    digestedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('dsc_notification_user_idx').on(table.userId, table.createdAt.desc()),
    index('dsc_notification_digest_idx')
      .on(table.userId, table.createdAt)
      .where(sql`${table.digestedAt} is null and ${table.readAt} is null`),
  ],
);

/** A person's notification settings; no row means the defaults (daily digest, follow what you post). */
export const dscPreference = pgTable(
  'dsc_preference',
  {
    userId: uuid()
      .primaryKey()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    digest: text({ enum: DIGEST_FREQUENCIES }).notNull().default('daily'),
    autoFollow: boolean().notNull().default(true),
    lastDigestAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [check('dsc_preference_digest_valid', sql`${table.digest} in ('off', 'daily', 'weekly')`)],
);

/** A study circle: a small international group of a run's learners with its own threads. */
export const dscCircle = pgTable(
  'dsc_circle',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsRun.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    language: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [unique('dsc_circle_run_number_unique').on(table.runId, table.number)],
);

/**
 * A learner who opted in to study circles, with the languages they offered (most preferred
 * first) and their country when they opted in; `circleId` is null while they wait for a match.
 */
export const dscCircleMember = pgTable(
  'dsc_circle_member',
  {
    runId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsRun.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    circleId: bigint({ mode: 'number' }).references(() => dscCircle.id, { onDelete: 'set null' }),
    languages: text().array().notNull(),
    country: text(),
    optedAt: timestamp({ withTimezone: true }).notNull(),
    matchedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.userId] }),
    index('dsc_circle_member_circle_idx').on(table.circleId),
  ],
);
