import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Clock } from '../clock/index.ts';
import type { Database } from '../db/index.ts';
import type { Logger } from '../log/index.ts';
import { mailOutbox } from './schema.ts';
import type { MailTransport } from './transport.ts';

const MAX_ATTEMPTS = 8;
const BATCH_SIZE = 20;

export type MailDispatcher = { stop(): Promise<void>; flush(): Promise<number> };

/**
 * Claims due messages with SKIP LOCKED so several app processes can dispatch side by side,
 * and retries failures with exponential back-off.
 */
export async function deliverDueMail(
  db: Database,
  transport: MailTransport,
  options: { from: string; clock: Clock; logger?: Logger },
): Promise<number> {
  const now = options.clock.now();
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(mailOutbox)
      .where(and(inArray(mailOutbox.status, ['pending']), lte(mailOutbox.nextAttemptAt, now)))
      .orderBy(asc(mailOutbox.id))
      .limit(BATCH_SIZE)
      .for('update', { skipLocked: true });
    for (const mail of due) {
      try {
        await transport.send({
          from: options.from,
          to: mail.recipient,
          subject: mail.subject,
          text: mail.textBody,
          ...(mail.htmlBody ? { html: mail.htmlBody } : {}),
        });
        await tx
          .update(mailOutbox)
          .set({ status: transport.kind === 'smtp' ? 'sent' : 'captured', sentAt: now, attempts: mail.attempts + 1 })
          .where(eq(mailOutbox.id, mail.id));
      } catch (error) {
        const attempts = mail.attempts + 1;
        const delaySeconds = Math.min(3600, 2 ** attempts * 15);
        options.logger?.warn({ mailId: mail.uuid, attempts, err: error }, 'mail delivery failed');
        await tx
          .update(mailOutbox)
          .set({
            attempts,
            lastError: error instanceof Error ? error.message.slice(0, 500) : 'delivery failed',
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            nextAttemptAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => ${delaySeconds})`,
          })
          .where(eq(mailOutbox.id, mail.id));
      }
    }
    return due.length;
  });
}

export function startMailDispatcher(
  db: Database,
  transport: MailTransport,
  options: { from: string; clock: Clock; logger: Logger; intervalMs?: number },
): MailDispatcher {
  let running: Promise<number> | null = null;
  const tick = (): Promise<number> => {
    running ??= deliverDueMail(db, transport, options)
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'mail dispatcher tick failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 2000);
  timer.unref();
  return {
    flush: tick,
    stop: async () => {
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
