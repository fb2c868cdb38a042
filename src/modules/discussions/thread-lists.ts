import { PgTransaction } from 'drizzle-orm/pg-core';
import { createHotPathCache, freezeDeep, scopeKeyOf } from '../../platform/cache/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { ThreadSummary } from './model.ts';

/*
 * Every reader of a run's forum opens the same few list pages, and they change only when
 * someone writes to the run's threads. Pages are kept per run for the hot-path TTL (ADR 0021)
 * under the run's generation, which every thread write moves on after it commits: in this
 * process the next reader sees the write; other processes see it within the TTL (ADR 0025).
 */

export type CachedThreadPage = { threads: readonly ThreadSummary[]; total: number };

const pages = createHotPathCache<CachedThreadPage>({ maxEntries: 5_000 });
const hiddenAuthors = createHotPathCache<readonly string[]>({ maxEntries: 5_000 });
const generations = new Map<number, number>();

/** Pages of this run loaded before now are no longer served. Call after the write commits. */
export function forgetThreadLists(runId: number): void {
  generations.set(runId, (generations.get(runId) ?? 0) + 1);
}

/** Runs a write to a run's threads, then forgets the run's lists, whether it succeeded or not. */
export async function changeThreads<R>(runId: number, write: () => Promise<R>): Promise<R> {
  try {
    return await write();
  } finally {
    forgetThreadLists(runId);
  }
}

function keyOf(executor: Executor, runId: number, rest: string): string | null {
  // Inside a transaction a read must see the transaction's own rows.
  if (executor instanceof PgTransaction) return null;
  return `${scopeKeyOf(executor)}|${runId}|${generations.get(runId) ?? 0}|${rest}`;
}

/** A page as every reader of an audience sees it, or loaded now when it cannot be shared. */
export async function readThreadPage(
  executor: Executor,
  runId: number,
  audience: string,
  load: () => Promise<CachedThreadPage>,
): Promise<CachedThreadPage> {
  const key = keyOf(executor, runId, audience);
  if (key === null) return load();
  return pages.getOrLoad(key, async () => freezeDeep(await load()));
}

/** Who wrote the run's hidden threads: they see theirs in lists, so they cannot share a page. */
export async function readHiddenThreadAuthors(
  executor: Executor,
  runId: number,
  load: () => Promise<string[]>,
): Promise<readonly string[]> {
  const key = keyOf(executor, runId, 'hidden');
  if (key === null) return load();
  return hiddenAuthors.getOrLoad(key, async () => freezeDeep(await load()));
}
