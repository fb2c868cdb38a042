import { sendDueDigests, type ForumDigest } from '../modules/discussions/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Database } from '../platform/db/index.ts';
import type { Logger } from '../platform/log/index.ts';
import { composeForumDigest } from '../web/mail/forum-digest.ts';

/** Digests are daily or weekly: looking every ten minutes sends each close enough to its time. */
export const DIGEST_INTERVAL_MS = 10 * 60 * 1000;

export type ForumWorkerOptions = {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The site's public address, for the links in the e-mails. */
  baseUrl: string;
  intervalMs?: number;
};

export type ForumWorkers = {
  /** Sends the digests due now; returns how many were queued. For tests and the CLI. */
  flush(): Promise<number>;
  /** Stops polling and waits for a round in progress. */
  stop(): Promise<void>;
};

/**
 * Background work of the forum: the e-mail digests of unread notifications, queued in the mail
 * outbox. A failed round is logged and the next one tries again; several processes may run it
 * side by side (sendDueDigests locks each person's notifications with SKIP LOCKED).
 */
export function startForumWorkers(options: ForumWorkerOptions): ForumWorkers {
  const { db, clock, logger, baseUrl } = options;
  const intervalMs = options.intervalMs ?? DIGEST_INTERVAL_MS;
  const compose = (digest: ForumDigest) => composeForumDigest(digest, { baseUrl });
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<number> | null = null;

  async function sendDigests(): Promise<number> {
    try {
      const sent = await sendDueDigests(db, clock.now(), compose);
      if (sent > 0) logger.info({ sent }, 'forum digests queued');
      return sent;
    } catch (error) {
      logger.error({ err: error }, 'forum digests failed');
      return 0;
    }
  }

  /** One round at a time: a slow round delays the next instead of overlapping it. */
  function runRound(): Promise<number> {
    if (!round) {
      round = sendDigests().finally(() => {
        round = null;
      });
    }
    return round;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void runRound().then(schedule);
    }, intervalMs);
    timer.unref();
  }

  schedule();
  return {
    flush: async () => {
      if (round) await round;
      return runRound();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (round) await round;
    },
  };
}
