import { defineStatement, runStatement, type Executor } from '../../platform/db/index.ts';
import type { Completion, CompletionKind } from './completion.ts';
import type { WatchedRange } from './ranges.ts';
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

// The page read most often: prepared once per connection (ADR 0023), no query builder per view.
const SELECT_UNIT_STATE = defineStatement<{ state: StateJson | string }>(
  'cwr_unit_state',
  `select json_build_object(
     'position', (select unit_entity_id from cwr_position where enrollment_id = $1),
     'completions', (select coalesce(json_agg(json_build_array(block_entity_id, version_id, kind, completed_at)), '[]'::json)
       from cwr_completion where enrollment_id = $1 and block_entity_id = any($2::bigint[])),
     'videos', (select coalesce(json_agg(json_build_array(block_entity_id, ranges, duration_seconds, position_seconds)), '[]'::json)
       from cwr_video_progress where enrollment_id = $1 and block_entity_id = any($3::bigint[]))
   ) as state`,
);

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
  const [row] = await runStatement(executor, SELECT_UNIT_STATE, [enrollmentId, blockIds, videoIds]);
  const raw = row!.state;
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
