import { isDomainError, type DomainError } from '../../../platform/errors/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { pickOwnEntry } from '../../http.ts';
import { safePath } from '../../render.tsx';

/** What a redirect after a successful form says on the next page (`?done=`). */
const DONE_MESSAGES = {
  created: 'forum.done.created',
  replied: 'forum.done.replied',
  commented: 'forum.done.commented',
  voted: 'forum.done.voted',
  unvoted: 'forum.done.unvoted',
  followed: 'forum.done.followed',
  unfollowed: 'forum.done.unfollowed',
  flagged: 'forum.done.flagged',
  hide: 'forum.done.hidden',
  unhide: 'forum.done.unhidden',
  delete: 'forum.done.deleted',
  restore: 'forum.done.restored',
  dismiss_flags: 'forum.done.dismissed',
  endorsed: 'forum.done.endorsed',
  unendorsed: 'forum.done.unendorsed',
  answered: 'forum.done.answered',
  unanswered: 'forum.done.unanswered',
  pinned: 'forum.done.pinned',
  unpinned: 'forum.done.unpinned',
  closed: 'forum.done.closed',
  reopened: 'forum.done.reopened',
  locked: 'forum.done.locked',
  unlocked: 'forum.done.unlocked',
  edited: 'forum.done.edited',
  removed: 'forum.done.removed',
  standing: 'forum.done.standing',
} as const satisfies Record<string, MessageKey>;

/** What a refused action says on the page it returns to (`?error=`). */
const ERROR_MESSAGES = {
  invalid: 'forum.error.invalid',
  reason: 'forum.error.reason',
  note: 'forum.error.note',
  body: 'forum.error.body',
  own_post: 'forum.error.ownPost',
  already_flagged: 'forum.error.alreadyFlagged',
  locked: 'forum.error.locked',
  closed: 'forum.error.closed',
  hidden_thread: 'forum.error.hiddenThread',
  banned: 'forum.error.banned',
  muted: 'forum.error.muted',
  rate_limited: 'forum.error.rateLimited',
  too_many_links: 'forum.error.tooManyLinks',
  not_a_question: 'forum.error.notAQuestion',
  not_a_reply: 'forum.error.notAReply',
  comment_depth: 'forum.error.commentDepth',
  self: 'forum.error.self',
  unknown_topic: 'forum.error.unknownTopic',
  staff_only: 'forum.error.staffOnly',
  not_a_learner: 'forum.error.notALearner',
} as const satisfies Record<string, MessageKey>;

export type DoneCode = keyof typeof DONE_MESSAGES;
export type ErrorCode = keyof typeof ERROR_MESSAGES;
export type Notice = { kind: 'done' | 'error'; key: MessageKey };

const ERROR_BY_SERVICE_CODE: Record<string, ErrorCode> = {
  'forum.own_post': 'own_post',
  'forum.already_flagged': 'already_flagged',
  'forum.thread_locked': 'locked',
  'forum.thread_closed': 'closed',
  'forum.thread_hidden': 'hidden_thread',
  'forum.banned': 'banned',
  'forum.muted': 'muted',
  'forum.rate_limited': 'rate_limited',
  'forum.too_many_links': 'too_many_links',
  'forum.not_a_question': 'not_a_question',
  'forum.not_a_reply': 'not_a_reply',
  'forum.comment_depth': 'comment_depth',
  'forum.self': 'self',
  'forum.unknown_topic': 'unknown_topic',
  'learner.not_found': 'not_a_learner',
};

const ERROR_BY_FIELD: Record<string, ErrorCode> = { reason: 'reason', note: 'note', body: 'body' };

function readQueryValue(query: unknown, name: string): unknown {
  return query && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
}

/** The notice a page shows after a redirect; anything not on the lists is ignored. */
export function readNotice(query: unknown): Notice | null {
  const done = pickOwnEntry(DONE_MESSAGES, readQueryValue(query, 'done'));
  if (done) return { kind: 'done', key: done };
  const error = pickOwnEntry(ERROR_MESSAGES, readQueryValue(query, 'error'));
  return error ? { kind: 'error', key: error } : null;
}

export function noticeOf(kind: 'done', code: DoneCode): Notice;
export function noticeOf(kind: 'error', code: ErrorCode): Notice;
export function noticeOf(kind: 'done' | 'error', code: DoneCode | ErrorCode): Notice {
  const key = kind === 'done' ? DONE_MESSAGES[code as DoneCode] : ERROR_MESSAGES[code as ErrorCode];
  return { kind, key };
}

function fieldsOf(error: DomainError): string[] {
  const fields = error.details.fields;
  if (!Array.isArray(fields)) return [];
  return fields.map((entry: unknown) =>
    entry && typeof entry === 'object' && typeof (entry as { field?: unknown }).field === 'string'
      ? (entry as { field: string }).field
      : '',
  );
}

/**
 * What a refused form means to the person who sent it, or null for errors that are not theirs to
 * fix (not found, forbidden): those keep their status page.
 */
export function explainRefusal(error: unknown): ErrorCode | null {
  if (!isDomainError(error)) return null;
  const known = ERROR_BY_SERVICE_CODE[error.code];
  if (known) return known;
  if (error.code === 'forum.staff_only') return 'staff_only';
  if (error.kind === 'invalid') {
    const field = fieldsOf(error).find((name) => ERROR_BY_FIELD[name]);
    return field ? ERROR_BY_FIELD[field]! : 'invalid';
  }
  if (error.kind === 'conflict' || error.kind === 'rate_limited') return 'invalid';
  return null;
}

/** The status a re-rendered form answers with for a refusal. */
export function statusOfRefusal(error: unknown): number {
  if (!isDomainError(error)) return 422;
  if (error.kind === 'rate_limited') return 429;
  if (error.kind === 'conflict') return 409;
  if (error.kind === 'forbidden') return 403;
  return 422;
}

/**
 * Where a form asked to go back to (its `next` field), if it is a page of this forum; otherwise
 * the fallback. Only same-site paths under the forum are ever echoed.
 */
export function readBack(next: string, base: string, fallback: string): string {
  if (!next) return fallback;
  const path = safePath(next);
  const inForum = path === base || [`${base}/`, `${base}?`, `${base}#`].some((prefix) => path.startsWith(prefix));
  return inForum ? path : fallback;
}

/** `target` with the notice in its query (replacing any earlier one) and, when given, the anchor. */
export function withNotice(target: string, notice: { done: DoneCode } | { error: ErrorCode }, anchor?: string): string {
  const url = new URL(target, 'http://forum.local');
  url.searchParams.delete('done');
  url.searchParams.delete('error');
  if ('done' in notice) url.searchParams.set('done', notice.done);
  else url.searchParams.set('error', notice.error);
  if (anchor) url.hash = anchor;
  return `${url.pathname}${url.search}${url.hash}`;
}
