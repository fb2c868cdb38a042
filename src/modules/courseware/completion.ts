import { and, eq, inArray } from 'drizzle-orm';
import { defineStatement, runStatement, type Executor } from '../../platform/db/index.ts';
import type { BlockType } from '../courses/index.ts';
import type { LearnerRun } from '../enrollment/index.ts';
import { recordLearningActions, type LearningAction } from '../records/index.ts';
import { cwrCompletion, type COMPLETION_KINDS } from './schema.ts';
import { blockActivity, buildAction, unitActivity } from './statements.ts';

export type CompletionKind = (typeof COMPLETION_KINDS)[number];

/** A block as completion needs it; `type` and `unit` make the xAPI statement more precise. */
export type CompletableBlock = {
  entityId: number;
  versionId: number;
  uuid: string;
  title: string;
  /** The kind of block; guessed from the completion kind when absent (a submission is a quiz). */
  type?: BlockType;
  /** The unit holding the block, named as the statement's parent activity. */
  unit?: { uuid: string; title: string };
};

export type Completion = { blockEntityId: number; versionId: number; kind: CompletionKind; completedAt: Date };

function guessType(kind: CompletionKind): BlockType {
  if (kind === 'submitted') return 'quiz';
  if (kind === 'watched') return 'video';
  return 'text';
}

// Every submission and every viewed unit runs it: prepared once per connection (ADR 0023), one
// text for any number of completions (arrays unnested) so submissions committed together insert
// theirs in one round trip.
const INSERT_COMPLETIONS = defineStatement<{ enrollment_id: unknown; block_entity_id: unknown }>(
  'cwr_insert_completions',
  `insert into cwr_completion (enrollment_id, block_entity_id, version_id, kind, completed_at)
   select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[])
   on conflict do nothing
   returning enrollment_id, block_entity_id`,
);

/** One block completed by one learner, as `markBlocksCompleted` takes it. */
export type BlockCompletionEntry = {
  learner: LearnerRun;
  block: CompletableBlock;
  kind: CompletionKind;
  at: Date;
};

function completionKey(enrollmentId: unknown, blockEntityId: unknown): string {
  return `${String(enrollmentId)}:${String(blockEntityId)}`;
}

/**
 * Inserts completions in the caller's transaction, and writes nothing else. Idempotent: the first
 * completion stays (its kind, version and time). Returns, per entry, whether the block was newly
 * completed; the 'completed' statement is then still owed.
 */
async function insertBlockCompletions(tx: Executor, entries: readonly BlockCompletionEntry[]): Promise<boolean[]> {
  if (entries.length === 0) return [];
  const inserted = await runStatement(tx, INSERT_COMPLETIONS, [
    entries.map((entry) => entry.learner.enrollment.id),
    entries.map((entry) => entry.block.entityId),
    entries.map((entry) => entry.block.versionId),
    entries.map((entry) => entry.kind),
    entries.map((entry) => entry.at.toISOString()),
  ]);
  const fresh = new Set(inserted.map((row) => completionKey(row.enrollment_id, row.block_entity_id)));
  // An entry repeated in one call is new only once: the first time it is seen.
  return entries.map((entry) => fresh.delete(completionKey(entry.learner.enrollment.id, entry.block.entityId)));
}

/** The xAPI 'completed' statement of a newly completed block. */
function buildCompletionAction(
  learner: LearnerRun,
  block: CompletableBlock,
  kind: CompletionKind,
  at: Date,
): LearningAction {
  const language = learner.run.language;
  const activity = blockActivity(
    { uuid: block.uuid, title: block.title, type: block.type ?? guessType(kind) },
    language,
  );
  const parent = block.unit ? unitActivity(block.unit, language) : undefined;
  return buildAction(learner, 'completed', activity, at, {
    result: { completion: true },
    ...(parent ? { parent } : {}),
  });
}

/**
 * Marks a block completed for the learner, in the caller's transaction. Idempotent: the first
 * completion stays (its kind, version and time), later ones change nothing. Returns true when the
 * block was newly completed, and only then writes the xAPI 'completed' statement — or, when the
 * caller passes `options.collect`, appends it there for the caller to write in its own insert.
 */
export async function markBlockCompleted(
  tx: Executor,
  learner: LearnerRun,
  block: CompletableBlock,
  kind: CompletionKind,
  at: Date,
  options: { collect?: LearningAction[] } = {},
): Promise<boolean> {
  const [completed] = await insertBlockCompletions(tx, [{ learner, block, kind, at }]);
  if (!completed) return false;
  const action = buildCompletionAction(learner, block, kind, at);
  if (options.collect) options.collect.push(action);
  else await recordLearningActions(tx, [action], at);
  return true;
}

/** The learner's completions in a run, optionally only of some blocks, by block entity id. */
export async function selectCompletions(
  executor: Executor,
  enrollmentId: number,
  blockEntityIds?: readonly number[],
): Promise<Map<number, Completion>> {
  if (blockEntityIds && blockEntityIds.length === 0) return new Map();
  const rows = await executor
    .select({
      blockEntityId: cwrCompletion.blockEntityId,
      versionId: cwrCompletion.versionId,
      kind: cwrCompletion.kind,
      completedAt: cwrCompletion.completedAt,
    })
    .from(cwrCompletion)
    .where(
      blockEntityIds
        ? and(eq(cwrCompletion.enrollmentId, enrollmentId), inArray(cwrCompletion.blockEntityId, [...blockEntityIds]))
        : eq(cwrCompletion.enrollmentId, enrollmentId),
    );
  return new Map(rows.map((row) => [row.blockEntityId, row]));
}

/**
 * Marks many blocks completed, for any learners, in the caller's transaction and one round trip;
 * as `markBlockCompleted`, but the 'completed' statement of each new completion is returned, in
 * the entry's place (null where the block was already completed), for the caller to write with
 * its own statements.
 */
export async function markBlocksCompleted(
  tx: Executor,
  entries: readonly BlockCompletionEntry[],
): Promise<Array<LearningAction | null>> {
  const completed = await insertBlockCompletions(tx, entries);
  return entries.map((entry, index) =>
    completed[index] ? buildCompletionAction(entry.learner, entry.block, entry.kind, entry.at) : null,
  );
}
