import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { enqueueMail, type OutgoingMail } from '../../platform/mail/index.ts';
import { getUserProfile, type UserProfile } from '../identity/index.ts';
import { describeNotifications, type ForumNotification } from './notifications.ts';
import { dscNotification, dscPreference } from './schema.ts';

/** What a digest e-mail says; the web layer turns it into words in the reader's language. */
export type ForumDigest = { recipient: UserProfile; notifications: ForumNotification[]; more: number };
export type DigestComposer = (digest: ForumDigest) => OutgoingMail;

export const DIGEST_ITEMS = 20;
/** Notifications younger than this wait: someone using the site reads them there, not in mail. */
export const DIGEST_GRACE_MS = 60 * 60 * 1000;
const BATCH = 100;

/**
 * People with unread notifications older than the grace period whose digest is due: daily or
 * weekly since their last one, never for those who turned it off.
 */
async function selectDueRecipients(db: Database, now: Date, graceEnd: Date): Promise<string[]> {
  const rows = await db
    .select({ userId: dscNotification.userId })
    .from(dscNotification)
    .leftJoin(dscPreference, eq(dscPreference.userId, dscNotification.userId))
    .where(
      and(
        isNull(dscNotification.digestedAt),
        isNull(dscNotification.readAt),
        lt(dscNotification.createdAt, graceEnd),
        sql`coalesce(${dscPreference.digest}, 'daily') <> 'off'`,
        sql`(${dscPreference.lastDigestAt} is null or ${dscPreference.lastDigestAt} <
          ${now.toISOString()}::timestamptz - case when ${dscPreference.digest} = 'weekly' then interval '7 days' else interval '1 day' end)`,
      ),
    )
    .groupBy(dscNotification.userId)
    .limit(BATCH);
  return rows.map((row) => row.userId);
}

/**
 * Sends every due digest: one e-mail per person through the mail outbox, with their unread,
 * not yet mailed notifications past the grace period (the newest DIGEST_ITEMS, and a count of
 * the rest). The mail, the digested marks and the person's last digest time commit together,
 * so a crash neither loses nor repeats a digest. Returns how many digests were queued.
 */
export async function sendDueDigests(db: Database, now: Date, compose: DigestComposer): Promise<number> {
  let sent = 0;
  const graceEnd = new Date(now.getTime() - DIGEST_GRACE_MS);
  for (const userId of await selectDueRecipients(db, now, graceEnd)) {
    const recipient = await getUserProfile(db, userId);
    if (!recipient || recipient.suspended) {
      // No mail for a suspended account, and its rows must not hold the batch for everyone else.
      await db
        .update(dscNotification)
        .set({ digestedAt: now })
        .where(and(eq(dscNotification.userId, userId), isNull(dscNotification.digestedAt)));
      continue;
    }
    const queued = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(dscNotification)
        .where(
          and(
            eq(dscNotification.userId, userId),
            isNull(dscNotification.digestedAt),
            isNull(dscNotification.readAt),
            lt(dscNotification.createdAt, graceEnd),
          ),
        )
        .orderBy(asc(dscNotification.createdAt))
        .for('update', { skipLocked: true });
      if (rows.length === 0) return false;
      const newest = rows.slice(-DIGEST_ITEMS).reverse();
      const notifications = await describeNotifications(tx, newest);
      if (notifications.length > 0) {
        await enqueueMail(tx, compose({ recipient, notifications, more: rows.length - newest.length }));
      }
      await tx
        .update(dscNotification)
        .set({ digestedAt: now })
        .where(
          inArray(
            dscNotification.id,
            rows.map((row) => row.id),
          ),
        );
      await tx
        .insert(dscPreference)
        .values({ userId, lastDigestAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: dscPreference.userId, set: { lastDigestAt: now } });
      return notifications.length > 0;
    });
    if (queued) sent += 1;
  }
  return sent;
}
