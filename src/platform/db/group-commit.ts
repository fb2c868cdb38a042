/** What one item of a group came to: a value, or the error its caller gets. */
export type GroupOutcome<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

export type GroupCommitOptions<Item, Result> = {
  /** Runs one group (usually one transaction) and settles every item of it, in order. */
  runGroup(items: readonly Item[]): Promise<GroupOutcome<Result>[]>;
  /** Most items in one group. */
  maxItems: number;
  /** Most groups running at once (1 when not given): while one commits, the next can run. */
  concurrency?: number;
  /**
   * While another group runs, the next one starts only once this many items wait, or once the
   * first of them has waited `maxWaitMs`. Without it, under steady load the first arrival after
   * a commit starts a group of one at once, and the work splits into one large group and many
   * groups of one, each paying for a whole transaction. Idle, an item still starts at once.
   */
  whileBusy?: { minItems: number; maxWaitMs: number };
  /**
   * Whether an item may join a group being formed (the first item of a group always does); one
   * that may not waits for the next group. Items that would conflict in one statement (the same
   * row twice) are kept apart this way.
   */
  canJoin?(group: readonly Item[], item: Item): boolean;
};

export interface GroupCommitter<Item, Result> {
  /** Settles once the item's group has run (committed or not). */
  run(item: Item): Promise<Result>;
}

type Waiting<Item, Result> = {
  item: Item;
  resolve(value: Result): void;
  reject(error: unknown): void;
};

/**
 * Group commit: items that arrive while a group is running wait and run together as the next
 * group, so under load many of them share one transaction, one commit and one round trip per
 * statement, while a lone item runs at once and waits for nothing. At most `concurrency` groups
 * run at a time; each caller is answered only when its own group has settled.
 */
export function createGroupCommitter<Item, Result>(
  options: GroupCommitOptions<Item, Result>,
): GroupCommitter<Item, Result> {
  const queue: Waiting<Item, Result>[] = [];
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const whileBusy = options.whileBusy;
  let running = 0;
  let waitTimer: NodeJS.Timeout | null = null;

  /** Whether the next group should wait for more items, arming the timer that ends the wait. */
  function deferWhileBusy(): boolean {
    if (!whileBusy || running === 0 || queue.length >= whileBusy.minItems) return false;
    waitTimer ??= setTimeout(() => {
      waitTimer = null;
      startNextGroup(true);
    }, whileBusy.maxWaitMs);
    return true;
  }

  function startNextGroup(afterWait = false): void {
    if (running >= concurrency || queue.length === 0) return;
    if (!afterWait && deferWhileBusy()) return;
    if (waitTimer) {
      clearTimeout(waitTimer);
      waitTimer = null;
    }
    void commitGroup(takeGroup());
  }

  function takeGroup(): Waiting<Item, Result>[] {
    const group: Waiting<Item, Result>[] = [];
    const items: Item[] = [];
    for (let index = 0; index < queue.length && group.length < options.maxItems;) {
      const waiting = queue[index]!;
      if (items.length > 0 && options.canJoin && !options.canJoin(items, waiting.item)) {
        index += 1;
        continue;
      }
      group.push(waiting);
      items.push(waiting.item);
      queue.splice(index, 1);
    }
    return group;
  }

  async function commitGroup(group: Waiting<Item, Result>[]): Promise<void> {
    running += 1;
    try {
      const outcomes = await options.runGroup(group.map((waiting) => waiting.item));
      group.forEach((waiting, index) => {
        const outcome = outcomes[index];
        if (!outcome) waiting.reject(new Error('A group commit left an item without an outcome.'));
        else if (outcome.ok) waiting.resolve(outcome.value);
        else waiting.reject(outcome.error);
      });
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    } finally {
      running -= 1;
      startNextGroup();
    }
  }

  return {
    run(item) {
      return new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // Items arriving in the same turn of the event loop start together.
        queueMicrotask(() => startNextGroup());
      });
    },
  };
}
