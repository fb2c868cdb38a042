import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { enrRunSeats } from './schema.ts';

/*
 * Every enrollment write of a run takes the run's seat counter first and the enrollment rows
 * after it, always in that order, so writers of one run queue on one row instead of deadlocking
 * on each other's enrollment rows.
 */

/**
 * Creates the run's counter when it has none yet, from the active enrollments already there, so a
 * counter created late still tells the truth.
 */
async function ensureRunSeats(tx: Executor, runId: number): Promise<void> {
  await tx.execute(sql`
    insert into enr_run_seats (run_id, active)
    select ${runId}, count(*)::int from enr_enrollment where run_id = ${runId} and status = 'active'
    on conflict (run_id) do nothing`);
}

/**
 * Takes one seat with a conditional UPDATE: false when the run is full. The row stays locked until
 * the transaction ends.
 */
export async function takeSeat(tx: Executor, runId: number, capacity: number | null): Promise<boolean> {
  await ensureRunSeats(tx, runId);
  const condition =
    capacity === null
      ? eq(enrRunSeats.runId, runId)
      : and(eq(enrRunSeats.runId, runId), lt(enrRunSeats.active, capacity));
  const rows = await tx
    .update(enrRunSeats)
    .set({ active: sql`${enrRunSeats.active} + 1` })
    .where(condition)
    .returning({ active: enrRunSeats.active });
  return rows.length > 0;
}

/** Locks the run's counter and returns the active enrollments it counts. */
export async function lockRunSeats(tx: Executor, runId: number): Promise<number> {
  await ensureRunSeats(tx, runId);
  const [row] = await tx
    .select({ active: enrRunSeats.active })
    .from(enrRunSeats)
    .where(eq(enrRunSeats.runId, runId))
    .for('update');
  return row?.active ?? 0;
}

/** Moves the counter by `delta` (negative when people leave); never below zero. */
export async function addSeats(tx: Executor, runId: number, delta: number): Promise<void> {
  if (delta === 0) return;
  await tx
    .update(enrRunSeats)
    .set({ active: sql`greatest(${enrRunSeats.active} + ${delta}, 0)` })
    .where(eq(enrRunSeats.runId, runId));
}

/** Active learners per run, as the counters hold them; runs without a counter have none. */
export async function countActiveLearners(executor: Executor, runIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>(runIds.map((id) => [id, 0]));
  if (runIds.length === 0) return counts;
  const rows = await executor
    .select({ runId: enrRunSeats.runId, active: enrRunSeats.active })
    .from(enrRunSeats)
    .where(inArray(enrRunSeats.runId, [...runIds]));
  for (const row of rows) counts.set(row.runId, row.active);
  return counts;
}

/** Seats still free: null when the run has no capacity. */
export function seatsLeft(capacity: number | null, active: number): number | null {
  return capacity === null ? null : Math.max(capacity - active, 0);
}
