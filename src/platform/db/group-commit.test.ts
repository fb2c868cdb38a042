import { describe, expect, it } from 'vitest';
import { createGroupCommitter, type GroupOutcome } from './group-commit.ts';

/** Lets the event loop take a turn, so that waiting groups can start. */
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

type Gate = { promise: Promise<void>; open(): void };

function createGate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A committer over numbers that records each group it ran and can hold a group until released. */
function createRecordingCommitter(options: {
  maxItems?: number;
  concurrency?: number;
  canJoin?(group: readonly number[], item: number): boolean;
  whileBusy?: { minItems: number; maxWaitMs: number };
  settle?(item: number): GroupOutcome<string>;
  failGroup?(items: readonly number[]): boolean;
}) {
  const groups: number[][] = [];
  const gates: Gate[] = [];
  let runningNow = 0;
  let mostRunning = 0;
  const committer = createGroupCommitter<number, string>({
    maxItems: options.maxItems ?? 10,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.canJoin ? { canJoin: options.canJoin } : {}),
    ...(options.whileBusy ? { whileBusy: options.whileBusy } : {}),
    async runGroup(items) {
      groups.push([...items]);
      runningNow += 1;
      mostRunning = Math.max(mostRunning, runningNow);
      const gate = createGate();
      gates.push(gate);
      await gate.promise;
      runningNow -= 1;
      if (options.failGroup?.(items)) throw new Error(`group ${items.join(',')} failed`);
      return items.map((item) => options.settle?.(item) ?? { ok: true, value: `done ${item}` });
    },
  });
  return {
    committer,
    groups,
    mostRunning: () => mostRunning,
    /** Lets every group started so far finish, then waits for the next ones to start. */
    async releaseAll() {
      for (const gate of gates.splice(0)) gate.open();
      await nextTurn();
    },
  };
}

async function drain(recording: { releaseAll(): Promise<void> }, pending: Promise<unknown>): Promise<void> {
  let settled = false;
  void pending.finally(() => {
    settled = true;
  });
  for (let round = 0; round < 20 && !settled; round += 1) await recording.releaseAll();
}

/** Item 1 running in a committer of two groups at a time, item 2 held back by `whileBusy`. */
async function queueBehindBusyGroup(whileBusy: { minItems: number; maxWaitMs: number }) {
  const recording = createRecordingCommitter({ concurrency: 2, whileBusy });
  const first = recording.committer.run(1);
  await nextTurn();
  const second = recording.committer.run(2);
  await nextTurn();
  expect(recording.groups).toEqual([[1]]);
  return { recording, first, second };
}

describe('createGroupCommitter', () => {
  it('runs a lone item at once and groups the items that arrive while a group runs', async () => {
    const recording = createRecordingCommitter({});
    const first = recording.committer.run(1);
    await nextTurn();
    expect(recording.groups).toEqual([[1]]);
    const rest = [2, 3, 4].map((item) => recording.committer.run(item));
    const all = Promise.all([first, ...rest]);
    await drain(recording, all);
    expect(await all).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
    expect(recording.groups).toEqual([[1], [2, 3, 4]]);
  });

  it('starts the items of one turn of the event loop together', async () => {
    const recording = createRecordingCommitter({});
    const all = Promise.all([1, 2, 3].map((item) => recording.committer.run(item)));
    await drain(recording, all);
    expect(recording.groups).toEqual([[1, 2, 3]]);
  });

  it('keeps a group within maxItems', async () => {
    const recording = createRecordingCommitter({ maxItems: 2 });
    const all = Promise.all([1, 2, 3, 4, 5].map((item) => recording.committer.run(item)));
    await drain(recording, all);
    expect(recording.groups).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('leaves an item that may not join for the next group, in arrival order', async () => {
    // Odd and even items never share a group.
    const recording = createRecordingCommitter({
      canJoin: (group, item) => group.every((other) => other % 2 === item % 2),
    });
    const all = Promise.all([1, 2, 3, 4, 5].map((item) => recording.committer.run(item)));
    await drain(recording, all);
    expect(recording.groups).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
  });

  it('runs no more groups at once than its concurrency', async () => {
    const recording = createRecordingCommitter({ maxItems: 1, concurrency: 2 });
    const all = Promise.all([1, 2, 3, 4, 5].map((item) => recording.committer.run(item)));
    await nextTurn();
    expect(recording.groups).toEqual([[1], [2]]);
    await drain(recording, all);
    expect(recording.mostRunning()).toBe(2);
    expect(recording.groups.flat()).toEqual([1, 2, 3, 4, 5]);
  });

  it('while a group runs, starts another only once enough items wait', async () => {
    const recording = createRecordingCommitter({ concurrency: 2, whileBusy: { minItems: 3, maxWaitMs: 60_000 } });
    const first = recording.committer.run(1);
    await nextTurn();
    expect(recording.groups).toEqual([[1]]);
    const second = recording.committer.run(2);
    await nextTurn();
    // Two may run at once, but a group of one beside a busy one would waste a transaction.
    expect(recording.groups).toEqual([[1]]);
    const more = [3, 4].map((item) => recording.committer.run(item));
    await nextTurn();
    expect(recording.groups).toEqual([[1], [2, 3, 4]]);
    const all = Promise.all([first, second, ...more]);
    await drain(recording, all);
    expect(await all).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
  });

  it('while a group runs, starts the few waiting items after maxWaitMs', async () => {
    const { recording, first, second } = await queueBehindBusyGroup({ minItems: 5, maxWaitMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(recording.groups).toEqual([[1], [2]]);
    const all = Promise.all([first, second]);
    await drain(recording, all);
    expect(await all).toEqual(['done 1', 'done 2']);
  });

  it('starts a waiting item at once when no group runs any more', async () => {
    const { recording, first, second } = await queueBehindBusyGroup({ minItems: 5, maxWaitMs: 60_000 });
    await recording.releaseAll();
    expect(recording.groups).toEqual([[1], [2]]);
    const all = Promise.all([first, second]);
    await drain(recording, all);
    expect(await all).toEqual(['done 1', 'done 2']);
  });

  it('answers each caller with its own outcome, a value or an error', async () => {
    const recording = createRecordingCommitter({
      settle: (item) =>
        item === 2 ? { ok: false, error: new Error('two refused') } : { ok: true, value: `ok ${item}` },
    });
    const settled = Promise.allSettled([1, 2, 3].map((item) => recording.committer.run(item)));
    await drain(recording, settled);
    const outcomes = await settled;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[0]).toMatchObject({ value: 'ok 1' });
    expect(outcomes[1]).toMatchObject({ reason: new Error('two refused') });
  });

  it('rejects every caller of a group that throws, and goes on with the next group', async () => {
    const recording = createRecordingCommitter({ maxItems: 2, failGroup: (items) => items.includes(1) });
    const settled = Promise.allSettled([1, 2, 3].map((item) => recording.committer.run(item)));
    await drain(recording, settled);
    const outcomes = await settled;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(recording.groups).toEqual([[1, 2], [3]]);
  });

  it('rejects an item its group left without an outcome', async () => {
    const committer = createGroupCommitter<number, string>({
      maxItems: 4,
      runGroup: async (items) => items.slice(1).map(() => ({ ok: true as const, value: 'x' })),
    });
    const settled = await Promise.allSettled([committer.run(1), committer.run(2)]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
  });
});
