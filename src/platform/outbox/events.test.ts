import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { appendOutboxEvent, appendOutboxEvents, consumeOutboxEvents, listOutboxEvents } from './index.ts';

let handle: DatabaseHandle;
const at = new Date('2026-11-29T10:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle.close());

describe('the event outbox', () => {
  it('keeps one event per dedupe key however often it is appended', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        handle.db.transaction((tx) =>
          appendOutboxEvent(tx, { topic: 'test.once', dedupeKey: 'test.once:1', payload: { n: 1 }, at }),
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await listOutboxEvents(handle.db, { topic: 'test.once' })).toHaveLength(1);
  });

  it('writes many events in one statement, in order, skipping keys that exist or repeat', async () => {
    await appendOutboxEvent(handle.db, { topic: 'test.bulk', dedupeKey: 'test.bulk:2', payload: { n: 2 }, at });
    const payload = { text: 'a "quoted", back\\slashed {braced} ünïcode text', list: [1, null] };
    const events = [1, 2, 3, 1, 4].map((n) => ({
      topic: 'test.bulk',
      dedupeKey: `test.bulk:${n}`,
      payload: { n, ...payload },
      at: new Date(at.getTime() + n),
    }));
    expect(await handle.db.transaction((tx) => appendOutboxEvents(tx, events))).toEqual([
      true,
      false,
      true,
      false,
      true,
    ]);
    const stored = await listOutboxEvents(handle.db, { topic: 'test.bulk' });
    expect(stored.map((event) => event.payload.n)).toEqual([2, 1, 3, 4]);
    expect(stored[1]).toMatchObject({ status: 'pending', payload: { n: 1, ...payload }, createdAt: events[0]!.at });
    expect(await appendOutboxEvents(handle.db, [])).toEqual([]);
    expect(await appendOutboxEvents(handle.db, events)).toEqual([false, false, false, false, false]);
  });

  it('writes nothing when the causing transaction rolls back', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await appendOutboxEvent(tx, { topic: 'test.rollback', dedupeKey: 'test.rollback:1', payload: {}, at });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await listOutboxEvents(handle.db, { topic: 'test.rollback' })).toEqual([]);
  });

  it('hands each due event to the consumer once and marks it done', async () => {
    for (const n of [1, 2, 3]) {
      await appendOutboxEvent(handle.db, { topic: 'test.consume', dedupeKey: `test.consume:${n}`, payload: { n }, at });
    }
    const seen: unknown[] = [];
    const handled = await consumeOutboxEvents(
      handle.db,
      'test.consume',
      () => at,
      async (_tx, event) => {
        seen.push(event.payload.n);
      },
    );
    expect(handled).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(
      await consumeOutboxEvents(
        handle.db,
        'test.consume',
        () => at,
        async () => {},
      ),
    ).toBe(0);
    const events = await listOutboxEvents(handle.db, { topic: 'test.consume' });
    expect(events.map((event) => event.status)).toEqual(['done', 'done', 'done']);
  });

  it('retries a failing event later and gives up after ten attempts', async () => {
    await appendOutboxEvent(handle.db, { topic: 'test.fail', dedupeKey: 'test.fail:1', payload: {}, at });
    const failing = async () => {
      throw new Error('the consumer is down');
    };
    expect(await consumeOutboxEvents(handle.db, 'test.fail', () => at, failing)).toBe(1);
    // Backed off: not due again at the same instant.
    expect(await consumeOutboxEvents(handle.db, 'test.fail', () => at, failing)).toBe(0);
    let now = at;
    for (let attempt = 2; attempt <= 10; attempt += 1) {
      now = new Date(now.getTime() + 3600_000);
      expect(await consumeOutboxEvents(handle.db, 'test.fail', () => now, failing)).toBe(1);
    }
    const [event] = await listOutboxEvents(handle.db, { topic: 'test.fail' });
    expect(event).toMatchObject({ status: 'failed', attempts: 10 });
  });

  it('rolls back what a failing handler wrote but keeps the retry bookkeeping', async () => {
    await appendOutboxEvent(handle.db, { topic: 'test.partial', dedupeKey: 'test.partial:1', payload: {}, at });
    await consumeOutboxEvents(
      handle.db,
      'test.partial',
      () => at,
      async (tx) => {
        await appendOutboxEvent(tx, { topic: 'test.side', dedupeKey: 'test.side:1', payload: {}, at });
        throw new Error('half done');
      },
    );
    expect(await listOutboxEvents(handle.db, { topic: 'test.side' })).toEqual([]);
    expect((await listOutboxEvents(handle.db, { topic: 'test.partial' }))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
  });
});
