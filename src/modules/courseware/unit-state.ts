import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { Completion, CompletionKind } from './completion.ts';
import type { WatchedRange } from './ranges.ts';
import { cwrCompletion, cwrPosition, cwrVideoProgress } from './schema.ts';
import type { StoredVideoProgress } from './video-store.ts';

/** Where a learner stands in one unit: their position in the run, and the unit's blocks. */
export type UnitState = {
  position: number | null;
  completions: Map<number, Completion>;
  videos: Map<number, StoredVideoProgress>;
};

type StateJson = {
  position: number | null;
  completions: Array<[number, number, CompletionKind, string]>;
  videos: Array<[number, WatchedRange[], number, number]>;
};

/**
 * Everything a unit view needs about the learner in one round trip, since this is the page read
 * most often. Built as one JSON value so that both database drivers return plain numbers.
 */
export async function selectUnitState(
  executor: Executor,
  enrollmentId: number,
  blockIds: readonly number[],
  videoIds: readonly number[],
): Promise<UnitState> {
  const completions = and(
    eq(cwrCompletion.enrollmentId, enrollmentId),
    inArray(cwrCompletion.blockEntityId, [...blockIds]),
  );
  const videos = and(
    eq(cwrVideoProgress.enrollmentId, enrollmentId),
    inArray(cwrVideoProgress.blockEntityId, [...videoIds]),
  );
  const query = sql`select json_build_object(
    'position', (select ${cwrPosition.unitEntityId} from ${cwrPosition} where ${eq(cwrPosition.enrollmentId, enrollmentId)}),
    'completions', (select coalesce(json_agg(json_build_array(${cwrCompletion.blockEntityId}, ${cwrCompletion.versionId},
      ${cwrCompletion.kind}, ${cwrCompletion.completedAt})), '[]'::json) from ${cwrCompletion} where ${completions}),
    'videos', (select coalesce(json_agg(json_build_array(${cwrVideoProgress.blockEntityId}, ${cwrVideoProgress.ranges},
      ${cwrVideoProgress.durationSeconds}, ${cwrVideoProgress.positionSeconds})), '[]'::json)
      from ${cwrVideoProgress} where ${videos})
  ) as state`;
  const result = (await executor.execute(query)) as unknown as { rows: Array<{ state: StateJson | string }> };
  const raw = result.rows[0]!.state;
  const state: StateJson = typeof raw === 'string' ? (JSON.parse(raw) as StateJson) : raw;
  return {
    position: state.position === null ? null : Number(state.position),
    completions: new Map(
      state.completions.map(([blockEntityId, versionId, kind, completedAt]) => [
        Number(blockEntityId),
        {
          blockEntityId: Number(blockEntityId),
          versionId: Number(versionId),
          kind,
          completedAt: new Date(completedAt),
        },
      ]),
    ),
    videos: new Map(
      state.videos.map(([blockEntityId, ranges, durationSeconds, positionSeconds]) => [
        Number(blockEntityId),
        { blockEntityId: Number(blockEntityId), ranges, durationSeconds, positionSeconds },
      ]),
    ),
  };
}
