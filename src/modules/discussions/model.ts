import type { Actor } from '../../platform/access/index.ts';
import type { CourseCapability, CourseRun, LoadedCourse } from '../courses/index.ts';
import type {
  DIGEST_FREQUENCIES,
  FLAG_REASONS,
  FLAG_RESOLUTIONS,
  NOTIFICATION_KINDS,
  POST_STATUSES,
  THREAD_KINDS,
} from './schema.ts';

export type ThreadKind = (typeof THREAD_KINDS)[number];
export type PostStatus = (typeof POST_STATUSES)[number];
export type FlagReason = (typeof FLAG_REASONS)[number];
export type FlagResolution = (typeof FLAG_RESOLUTIONS)[number];
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** 'staff' is the course team (but authors) and owner admins; a community TA is a learner staff trust to moderate. */
export type ForumRole = 'learner' | 'community_ta' | 'staff';

export type MemberStanding = {
  communityTa: boolean;
  mutedUntil: Date | null;
  bannedAt: Date | null;
  sanctionReason: string | null;
};

export type ForumReader = {
  actor: Actor;
  course: LoadedCourse;
  run: CourseRun;
  role: ForumRole;
  standing: MemberStanding;
  staffCapabilities: Set<CourseCapability>;
};

/** A person as a forum shows them: name and country only, never an address. */
export type ForumAuthor = { id: string; name: string; country: string | null; role: ForumRole };

export type ForumPost = {
  id: number;
  threadId: number;
  parentId: number | null;
  depth: 0 | 1 | 2;
  author: ForumAuthor;
  /** The Markdown source; empty when the reader may not see a moderated post's words. */
  body: string;
  /** Sanitised HTML of the body (ADR 0014); empty as the body. */
  html: string;
  language: string;
  status: PostStatus;
  /** Why a moderator hid or removed it, shown to its author and moderators. */
  moderationReason: string | null;
  moderatedAt: Date | null;
  endorsed: boolean;
  isAnswer: boolean;
  voteCount: number;
  votedByMe: boolean;
  openFlagCount: number;
  flaggedByMe: boolean;
  createdAt: Date;
  editedAt: Date | null;
  comments: ForumPost[];
};

export type ThreadSummary = {
  id: number;
  topic: string;
  circleId: number | null;
  kind: ThreadKind;
  title: string;
  author: ForumAuthor;
  language: string;
  status: PostStatus;
  pinned: boolean;
  closed: boolean;
  locked: boolean;
  answered: boolean;
  replyCount: number;
  voteCount: number;
  lastActivityAt: Date;
  createdAt: Date;
};

export type ThreadDetail = ThreadSummary & {
  opening: ForumPost;
  replies: ForumPost[];
  replyPage: { page: number; pages: number; total: number };
  followedByMe: boolean;
  /** What the reader may do here, so views show only working controls. */
  can: ThreadPermissions;
};

export type ThreadPermissions = {
  reply: boolean;
  vote: boolean;
  follow: boolean;
  markAnswer: boolean;
  endorse: boolean;
  pin: boolean;
  close: boolean;
  lock: boolean;
  moderate: boolean;
};

export type ForumTopic = { key: string; title: string; kind: 'general' | 'section' | 'block' };

export type ThreadSort = 'activity' | 'votes' | 'unanswered' | 'newest';

export type ThreadPage = {
  /** Shared by readers and frozen: never changed in place. */
  threads: readonly ThreadSummary[];
  page: number;
  pages: number;
  total: number;
};
