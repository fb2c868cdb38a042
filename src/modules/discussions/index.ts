/** Discussions: course run forums, moderation, notifications and study circles (tables `dsc_*`). */
export { FLAG_REASONS, DIGEST_FREQUENCIES, THREAD_KINDS } from './schema.ts';
export type * from './model.ts';
export { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, type NewFlag, type NewReply, type NewThread } from './inputs.ts';
export { requireForumReader } from './access.ts';
export { listForumTopics } from './topics.ts';
export { getForumOverview, type ForumOverview } from './overview.ts';
export {
  REPLIES_PAGE_SIZE,
  THREADS_PAGE_SIZE,
  THREAD_SORTS,
  getThread,
  listThreads,
  type ThreadQuery,
} from './threads-read.ts';
export { createReply, createThread } from './posts-write.ts';
export { editPost, endorsePost, followThread, markAnswer, setThreadState, voteOnPost } from './thread-actions.ts';
export {
  MODERATION_ACTIONS,
  QUEUE_PAGE_SIZE,
  deleteOwnPost,
  flagPost,
  listModerationQueue,
  moderatePost,
  type ModerationAction,
  type QueueItem,
} from './moderation.ts';
export {
  MAX_MUTE_HOURS,
  listForumMembers,
  setMemberStanding,
  type ForumMember,
  type StandingChange,
} from './members.ts';
export {
  NOTIFICATIONS_PAGE_SIZE,
  countUnreadNotifications,
  getNotificationSettings,
  listNotifications,
  markNotificationsRead,
  updateNotificationSettings,
  type ForumNotification,
  type NotificationSettings,
} from './notifications.ts';
export { DIGEST_ITEMS, sendDueDigests, type DigestComposer, type ForumDigest } from './digest.ts';
export {
  formStudyCircles,
  getMyStudyCircle,
  joinStudyCircle,
  leaveStudyCircle,
  listStudyCircles,
  moveCircleMember,
  type CircleMember,
  type MyCircleView,
  type StudyCircle,
} from './circles.ts';
export { CIRCLE_MAX_SIZE, CIRCLE_MIN_SIZE, matchStudyCircles, type CircleCandidate } from './circle-matching.ts';
export { DEFAULT_FORUM_LIMITS, configureForumLimits, readForumLimits, type ForumLimits } from './rate-limits.ts';
