import type { Database, Executor } from '../db/index.ts';
import type { Logger } from '../log/index.ts';
import { consumeOutboxEvents, type StoredOutboxEvent } from './events.ts';

export type OutboxConsumer = {
  /** Consumes what is due now (after any pass already under way) and returns how many it handled. */
  flush(): Promise<number>;
  /** Stops polling and waits for the pass under way, if any. */
  stop(): Promise<void>;
};

export type OutboxConsumerOptions = { intervalMs?: number; limit?: number; logger?: Logger };

/**
 * Polls one topic every `intervalMs` and hands its due events to `handle` through
 * `consumeOutboxEvents` (each in its own transaction; a handler that throws is retried later).
 * One pass at a time per consumer; several processes may run the same consumer side by side.
 */
export function startOutboxConsumer(
  db: Database,
  topic: string,
  now: () => Date,
  handle: (tx: Executor, event: StoredOutboxEvent) => Promise<void>,
  options: OutboxConsumerOptions = {},
): OutboxConsumer {
  let running: Promise<number> | null = null;
  let stopped = false;
  const tick = (): Promise<number> => {
    running ??= consumeOutboxEvents(db, topic, now, handle, options.limit)
      .catch((error: unknown) => {
        options.logger?.error({ err: error, topic }, 'outbox consumer pass failed');
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
    flush: async () => {
      await running;
      return stopped ? 0 : tick();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
