import type { ForumNotification } from '../../../modules/discussions/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { pickText, type PickedText } from '../../views/course-card.tsx';

export const NOTIFICATIONS_PATH = '/account/notifications';
export const NOTIFICATIONS_READ_PATH = '/account/notifications/read';
export const NOTIFICATIONS_SETTINGS_PATH = '/account/notifications/settings';

/** A notification as people read it: one sentence, where it leads, and the course it belongs to. */
export type DescribedNotification = { sentence: string; path: string; course: PickedText };

/** Moderation of a post names the action; of a member, their new standing (see the forum module). */
const MODERATION_SENTENCES: Readonly<Record<string, MessageKey>> = {
  hide: 'notifications.item.hide',
  unhide: 'notifications.item.unhide',
  delete: 'notifications.item.delete',
  restore: 'notifications.item.restore',
  dismiss_flags: 'notifications.item.dismissFlags',
  banned: 'notifications.item.banned',
  unbanned: 'notifications.item.unbanned',
  muted: 'notifications.item.muted',
  unmuted: 'notifications.item.unmuted',
  community_ta_granted: 'notifications.item.taGranted',
  community_ta_removed: 'notifications.item.taRemoved',
};

const KIND_SENTENCES: Readonly<Record<Exclude<ForumNotification['kind'], 'moderation'>, MessageKey>> = {
  reply: 'notifications.item.reply',
  comment: 'notifications.item.comment',
  answer: 'notifications.item.answer',
  endorsement: 'notifications.item.endorsement',
  circle: 'notifications.item.circle',
};

function sentenceKeyOf(notification: ForumNotification): MessageKey {
  if (notification.kind !== 'moderation') return KIND_SENTENCES[notification.kind];
  const known = notification.detail ? MODERATION_SENTENCES[notification.detail] : undefined;
  if (known) return known;
  return notification.threadId === null ? 'notifications.item.standing' : 'notifications.item.moderated';
}

const segment = encodeURIComponent;

/** The thread (at the post when there is one), the run's study circles, or the run's forum. */
export function notificationPath(notification: ForumNotification): string {
  const run = `/learn/${segment(notification.courseKey)}/${segment(notification.runCode)}`;
  if (notification.kind === 'circle') return `${run}/circles`;
  if (notification.threadId === null) return `${run}/forum`;
  const post = notification.postId === null ? '' : `#post-${notification.postId}`;
  return `${run}/forum/threads/${notification.threadId}${post}`;
}

export function describeNotification(t: T, notification: ForumNotification): DescribedNotification {
  const sentence = t.t(sentenceKeyOf(notification), {
    actor: notification.actorName ?? t.t('notifications.someone'),
    thread: notification.threadTitle ?? t.t('notifications.aThread'),
  });
  const course = pickText(notification.courseTitle, t.locale) ?? { text: notification.courseKey, lang: t.locale };
  return { sentence, path: notificationPath(notification), course };
}
