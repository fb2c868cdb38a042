import { SYSTEM_ACTOR } from '../platform/access/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Database, Executor } from '../platform/db/index.ts';
import { isDomainError } from '../platform/errors/index.ts';
import type { Logger } from '../platform/log/index.ts';
import { startOutboxConsumer, type StoredOutboxEvent } from '../platform/outbox/index.ts';
import { COURSE_PASSED_TOPIC, recomputeRunGrades } from '../modules/assessment/index.ts';
import { handleCoursePassedEvent } from '../modules/credentials/index.ts';
import { RUN_GRADES_STALE_TOPIC } from '../modules/courses/index.ts';

export { RUN_GRADES_STALE_TOPIC };

export type LearningWorkers = {
  /** Handles everything due now; returns how many events were handled. For tests and the CLI. */
  flush(): Promise<number>;
  stop(): Promise<void>;
};

export type LearningWorkerOptions = { clock: Clock; logger: Logger; intervalMs?: number };

/**
 * Recomputes the stored grades of the run an event names, in the event's transaction: the grades
 * and any passes they now reach commit together with the event being marked done, and a failure
 * leaves the event to be retried. A run that no longer exists has nothing left to recompute.
 */
async function recomputeStaleRun(tx: Executor, event: StoredOutboxEvent, options: LearningWorkerOptions) {
  const { runId } = event.payload;
  if (typeof runId !== 'number' || !Number.isSafeInteger(runId)) {
    options.logger.warn({ eventId: event.uuid }, 'stale grades event without a run id, skipped');
    return;
  }
  try {
    const counts = await recomputeRunGrades({ db: tx, clock: options.clock, actor: SYSTEM_ACTOR }, runId);
    options.logger.info({ runId, ...counts }, 'stale grades recomputed');
  } catch (error) {
    if (isDomainError(error) && error.kind === 'not_found') {
      options.logger.warn(
        { runId, eventId: event.uuid },
        'stale grades event for a run that no longer exists, skipped',
      );
      return;
    }
    options.logger.error(
      { runId, eventId: event.uuid, attempts: event.attempts + 1, err: error },
      'stale grades recompute failed',
    );
    throw error;
  }
}

/**
 * Issues the certificate of a pass in the event's transaction: the credential and the event
 * being marked done commit together, so a crash mid-issue leaves the event to be retried and
 * the unique index on the enrollment keeps it to one credential.
 */
async function issueForPass(tx: Executor, event: StoredOutboxEvent, options: LearningWorkerOptions) {
  const outcome = await handleCoursePassedEvent(tx, event.payload, options.clock.now());
  if (outcome.status === 'issued') {
    options.logger.info({ credential: outcome.credentialUuid, eventId: event.uuid }, 'course credential issued');
  } else if (outcome.status === 'not_granted') {
    options.logger.debug({ eventId: event.uuid, reason: outcome.reason }, 'no credential for this pass');
  }
}

/**
 * Background work of the learner core, polling the event outbox: stale grades of a run are
 * recomputed after its policy or release changed, and passes get their certificates. Several
 * processes may run it side by side (events are claimed with SKIP LOCKED).
 */
export function startLearningWorkers(db: Database, options: LearningWorkerOptions): LearningWorkers {
  const staleGrades = startOutboxConsumer(
    db,
    RUN_GRADES_STALE_TOPIC,
    () => options.clock.now(),
    (tx, event) => recomputeStaleRun(tx, event, options),
    { intervalMs: options.intervalMs ?? 2000, limit: 10, logger: options.logger },
  );
  const credentials = startOutboxConsumer(
    db,
    COURSE_PASSED_TOPIC,
    () => options.clock.now(),
    (tx, event) => issueForPass(tx, event, options),
    { intervalMs: options.intervalMs ?? 2000, limit: 20, logger: options.logger },
  );
  return {
    // Grades first: a recompute may announce passes the credentials pass then issues.
    flush: async () => (await staleGrades.flush()) + (await credentials.flush()),
    stop: async () => {
      await Promise.all([staleGrades.stop(), credentials.stop()]);
    },
  };
}
