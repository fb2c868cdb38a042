import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { appendOutboxEvent, listOutboxEvents, startOutboxConsumer } from './index.ts';

let handle: DatabaseHandle;
const at = new Date('2026-11-29T10:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle.close());

describe('an outbox consumer', () => {
  it('hands due events of its topic to the handler and stops cleanly', async () => {
    const seen: unknown[] = [];
    const consumer = startOutboxConsumer(
      handle.db,
      'test.poll',
      () => at,
      async (_tx, event) => {
        seen.push(event.payload.n);
      },
      { intervalMs: 60_000 },
    );
    await appendOutboxEvent(handle.db, { topic: 'test.poll', dedupeKey: 'test.poll:1', payload: { n: 1 }, at });
    await appendOutboxEvent(handle.db, { topic: 'test.other', dedupeKey: 'test.other:1', payload: { n: 9 }, at });
    expect(await consumer.flush()).toBe(1);
    expect(await consumer.flush()).toBe(0);
    expect(seen).toEqual([1]);
    await consumer.stop();
    await appendOutboxEvent(handle.db, { topic: 'test.poll', dedupeKey: 'test.poll:2', payload: { n: 2 }, at });
    expect(await consumer.flush()).toBe(0);
    expect((await listOutboxEvents(handle.db, { topic: 'test.other' }))[0]?.status).toBe('pending');
  });

  it('polls by itself', async () => {
    const seen: unknown[] = [];
    const consumer = startOutboxConsumer(
      handle.db,
      'test.timer',
      () => at,
      async (_tx, event) => {
        seen.push(event.payload.n);
      },
      { intervalMs: 20 },
    );
    await appendOutboxEvent(handle.db, { topic: 'test.timer', dedupeKey: 'test.timer:1', payload: { n: 1 }, at });
    await expect.poll(() => seen, { timeout: 5000 }).toEqual([1]);
    await consumer.stop();
  });
});
