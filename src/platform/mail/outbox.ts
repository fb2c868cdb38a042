import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { mailOutbox } from './schema.ts';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  locale?: string;
  metadata?: Record<string, string>;
};

export type StoredMail = {
  id: number;
  uuid: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  kind: string;
  locale: string;
  status: 'pending' | 'sent' | 'captured' | 'failed';
  createdAt: Date;
  sentAt: Date | null;
};

/** Queues a message in the caller's transaction; the dispatcher delivers it after commit. */
export async function enqueueMail(executor: Executor, mail: OutgoingMail): Promise<string> {
  const [row] = await executor
    .insert(mailOutbox)
    .values({
      recipient: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      kind: mail.kind,
      locale: mail.locale ?? 'en',
      metadata: mail.metadata ?? {},
    })
    .returning({ uuid: mailOutbox.uuid });
  return row!.uuid;
}

const storedColumns = {
  id: mailOutbox.id,
  uuid: mailOutbox.uuid,
  recipient: mailOutbox.recipient,
  subject: mailOutbox.subject,
  textBody: mailOutbox.textBody,
  htmlBody: mailOutbox.htmlBody,
  kind: mailOutbox.kind,
  locale: mailOutbox.locale,
  status: mailOutbox.status,
  createdAt: mailOutbox.createdAt,
  sentAt: mailOutbox.sentAt,
};

export async function listRecentMail(
  executor: Executor,
  options: { recipient?: string; limit?: number } = {},
): Promise<StoredMail[]> {
  return executor
    .select(storedColumns)
    .from(mailOutbox)
    .where(options.recipient ? eq(mailOutbox.recipient, options.recipient.toLowerCase()) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(options.limit ?? 50);
}

export async function getMail(executor: Executor, uuid: string): Promise<StoredMail | null> {
  const [row] = await executor.select(storedColumns).from(mailOutbox).where(eq(mailOutbox.uuid, uuid)).limit(1);
  return row ?? null;
}
