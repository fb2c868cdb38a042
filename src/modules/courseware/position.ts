import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { cwrPosition } from './schema.ts';

/** The unit (entity id) the learner last arrived at in a run, or null. */
export async function selectPosition(executor: Executor, enrollmentId: number): Promise<number | null> {
  const [row] = await executor
    .select({ unitEntityId: cwrPosition.unitEntityId })
    .from(cwrPosition)
    .where(eq(cwrPosition.enrollmentId, enrollmentId));
  return row?.unitEntityId ?? null;
}

/** Moves the learner's position to a unit; returns false when another request moved it there first. */
export async function writePosition(
  executor: Executor,
  enrollmentId: number,
  unitEntityId: number,
  at: Date,
): Promise<boolean> {
  const rows = await executor
    .insert(cwrPosition)
    .values({ enrollmentId, unitEntityId, visitedAt: at })
    .onConflictDoUpdate({
      target: cwrPosition.enrollmentId,
      set: { unitEntityId, visitedAt: at },
      setWhere: sql`${cwrPosition.unitEntityId} <> ${unitEntityId}`,
    })
    .returning({ enrollmentId: cwrPosition.enrollmentId });
  return rows.length > 0;
}
