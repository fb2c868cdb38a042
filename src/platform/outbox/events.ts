import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/index.ts';
import { evtOutbox } from './schema.ts';

export type OutboxEvent = {
  topic: string;
  /** Unique across all events: a second append with the same key is ignored. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  at: Date;
};

export type StoredOutboxEvent = {
  id: number;
  uuid: string;
  topic: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  createdAt: Date;
  processedAt: Date | null;
};

const MAX_ATTEMPTS = 10;

/** Writes an event in the caller's transaction; returns false when its dedupe key already exists. */
export async function appendOutboxEvent(executor: Executor, event: OutboxEvent): Promise<boolean> {
  const rows = await executor
    .insert(evtOutbox)
    .values({
      topic: event.topic,
      dedupeKey: event.dedupeKey,
      payload: event.payload,
      createdAt: event.at,
      nextAttemptAt: event.at,
    })
    .onConflictDoNothing({ target: evtOutbox.dedupeKey })
    .returning({ id: evtOutbox.id });
  return rows.length === 1;
}

/** A PostgreSQL array literal of text elements, sent as one parameter whatever its length. */
function toTextArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

const APPEND_CHUNK = 5000;

/**
 * Writes many events in the caller's transaction with one INSERT … ON CONFLICT DO NOTHING per
 * 5,000 (in the given order). Returns, for each event, whether it was written: false when its
 * dedupe key already existed, or appeared earlier in the same list.
 */
export async function appendOutboxEvents(executor: Executor, events: readonly OutboxEvent[]): Promise<boolean[]> {
  const written = new Set<string>();
  for (let start = 0; start < events.length; start += APPEND_CHUNK) {
    const slice = events.slice(start, start + APPEND_CHUNK);
    const result = (await executor.execute(sql`
      insert into evt_outbox (topic, dedupe_key, payload, created_at, next_attempt_at)
      select u.topic, u.dedupe_key, u.payload::jsonb, u.at::timestamptz, u.at::timestamptz
      from unnest(
        ${toTextArrayLiteral(slice.map((event) => event.topic))}::text[],
        ${toTextArrayLiteral(slice.map((event) => event.dedupeKey))}::text[],
        ${toTextArrayLiteral(slice.map((event) => JSON.stringify(event.payload)))}::text[],
        ${toTextArrayLiteral(slice.map((event) => event.at.toISOString()))}::text[]
      ) with ordinality as u(topic, dedupe_key, payload, at, position)
      order by u.position
      on conflict (dedupe_key) do nothing
      returning dedupe_key`)) as unknown as { rows: Array<{ dedupe_key: string }> };
    for (const row of result.rows) written.add(row.dedupe_key);
  }
  // A key the list repeats was written once: by its first occurrence.
  return events.map((event) => written.delete(event.dedupeKey));
}

export async function listOutboxEvents(
  executor: Executor,
  filter: { topic?: string; status?: StoredOutboxEvent['status'] } = {},
): Promise<StoredOutboxEvent[]> {
  const conditions = [
    ...(filter.topic ? [eq(evtOutbox.topic, filter.topic)] : []),
    ...(filter.status ? [eq(evtOutbox.status, filter.status)] : []),
  ];
  const rows = await executor
    .select()
    .from(evtOutbox)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(evtOutbox.id));
  return rows.map((row) => ({
    id: row.id,
    uuid: row.uuid,
    topic: row.topic,
    dedupeKey: row.dedupeKey,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.createdAt,
    processedAt: row.processedAt,
  }));
}

/**
 * Hands due events of one topic to `handle`, each in its own transaction with the row locked
 * (SKIP LOCKED, so several workers share the work). A handler that throws leaves the event
 * pending with a backoff; after MAX_ATTEMPTS it is marked failed. Returns how many were handled.
 */
export async function consumeOutboxEvents(
  db: Database,
  topic: string,
  now: () => Date,
  handle: (tx: Executor, event: StoredOutboxEvent) => Promise<void>,
  limit = 50,
): Promise<number> {
  let handled = 0;
  for (let index = 0; index < limit; index += 1) {
    const more = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(evtOutbox)
        .where(and(eq(evtOutbox.topic, topic), eq(evtOutbox.status, 'pending'), lte(evtOutbox.nextAttemptAt, now())))
        .orderBy(asc(evtOutbox.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return false;
      const event: StoredOutboxEvent = {
        id: row.id,
        uuid: row.uuid,
        topic: row.topic,
        dedupeKey: row.dedupeKey,
        payload: row.payload,
        status: row.status,
        attempts: row.attempts,
        createdAt: row.createdAt,
        processedAt: row.processedAt,
      };
      try {
        await tx.transaction(async (inner) => handle(inner, event));
        await tx
          .update(evtOutbox)
          .set({ status: 'done', processedAt: now(), attempts: row.attempts + 1 })
          .where(eq(evtOutbox.id, row.id));
      } catch (error) {
        const attempts = row.attempts + 1;
        await tx
          .update(evtOutbox)
          .set({
            attempts,
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            lastError: error instanceof Error ? error.message.slice(0, 2000) : 'unknown error',
            nextAttemptAt: sql`${now().toISOString()}::timestamptz + make_interval(secs => ${2 ** attempts})`,
          })
          .where(eq(evtOutbox.id, row.id));
      }
      return true;
    });
    if (!more) break;
    handled += 1;
  }
  return handled;
}
