import { and, count, eq, gt } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors/index.ts';
import type { ForumRole } from './model.ts';
import { dscPost } from './schema.ts';

/**
 * How much one person may post. Limits count posts in every forum together, since a spammer
 * enrolls in many runs. New accounts get less room and fewer links: most forum spam comes
 * from accounts made for it. Staff are not limited.
 */
export type ForumLimits = {
  enabled: boolean;
  newAccountDays: number;
  perMinute: number;
  perDay: number;
  newPerMinute: number;
  newPerDay: number;
  linksPerPost: number;
  newLinksPerPost: number;
};

export const DEFAULT_FORUM_LIMITS: ForumLimits = {
  enabled: true,
  newAccountDays: 3,
  perMinute: 8,
  perDay: 300,
  newPerMinute: 3,
  newPerDay: 30,
  linksPerPost: 10,
  newLinksPerPost: 1,
};

let limits: ForumLimits = DEFAULT_FORUM_LIMITS;

/** Set at start-up; benchmarks of raw write throughput turn the limits off. */
export function configureForumLimits(changes: Partial<ForumLimits>): void {
  limits = { ...DEFAULT_FORUM_LIMITS, ...changes };
}

export function readForumLimits(): ForumLimits {
  return limits;
}

const LINK = /\b(?:https?:\/\/|mailto:|www\.)|\]\(\s*</gi;

export function countLinks(body: string): number {
  return body.match(LINK)?.length ?? 0;
}

function tooMany(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('rate_limited', 'forum.rate_limited', message, details);
}

async function countPostsSince(executor: Executor, userId: string, since: Date): Promise<number> {
  const [row] = await executor
    .select({ posts: count() })
    .from(dscPost)
    .where(and(eq(dscPost.authorId, userId), gt(dscPost.createdAt, since)));
  return row?.posts ?? 0;
}

type Poster = { userId: string; role: ForumRole; accountCreatedAt: Date | null };

function isNewAccount(poster: Poster, now: Date): boolean {
  const ageMs = poster.accountCreatedAt ? now.getTime() - poster.accountCreatedAt.getTime() : 0;
  return ageMs < limits.newAccountDays * 86_400_000;
}

/** Refuses a text with more links than the author may post. Errors: invalid 'forum.too_many_links'. */
export function checkLinkLimit(poster: Poster, body: string, now: Date): void {
  if (!limits.enabled || poster.role === 'staff') return;
  const isNew = isNewAccount(poster, now);
  const maxLinks = isNew ? limits.newLinksPerPost : limits.linksPerPost;
  const links = countLinks(body);
  if (links > maxLinks) {
    throw new DomainError(
      'invalid',
      'forum.too_many_links',
      isNew
        ? `New accounts may include at most ${maxLinks} link per post.`
        : `A post may include at most ${maxLinks} links.`,
      { links, maxLinks },
    );
  }
}

/**
 * Refuses a post over the author's limits. Errors: rate_limited 'forum.rate_limited',
 * invalid 'forum.too_many_links'.
 */
export async function checkPostingLimits(executor: Executor, poster: Poster, body: string, now: Date): Promise<void> {
  if (!limits.enabled || poster.role === 'staff') return;
  checkLinkLimit(poster, body, now);
  const isNew = isNewAccount(poster, now);
  const perMinute = isNew ? limits.newPerMinute : limits.perMinute;
  if ((await countPostsSince(executor, poster.userId, new Date(now.getTime() - 60_000))) >= perMinute) {
    throw tooMany('You are posting too fast. Wait a minute and try again.', { retryAfterSeconds: 60 });
  }
  const perDay = isNew ? limits.newPerDay : limits.perDay;
  if ((await countPostsSince(executor, poster.userId, new Date(now.getTime() - 86_400_000))) >= perDay) {
    throw tooMany('You have reached today’s limit of posts. Try again tomorrow.', { retryAfterSeconds: 3600 });
  }
}
