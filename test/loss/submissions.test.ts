import { describe, expect, it } from 'vitest';
import { runLossTest } from '../../bench/loss-submissions.mjs';
import * as quizWorld from '../../bench/quiz-world.ts';

/*
 * A small version of bench/loss-submissions.mjs (100+ submissions, 3 kills): the server, started
 * from the sources, is killed with SIGKILL three times while learners submit; every acknowledged
 * submission must be stored exactly once. On PGlite by default; on PostgreSQL when DATABASE_URL
 * names a server (npm run test:pg), where it creates and drops a database of its own.
 */
describe('submissions while the server is killed', () => {
  it('stores every acknowledged submission exactly once', { timeout: 300_000 }, async () => {
    const figures = await runLossTest({
      minimum: 100,
      kills: 3,
      lanes: 6,
      mode: 'source',
      databaseUrl: process.env.DATABASE_URL ?? null,
      dropRate: 0.05,
      log: () => undefined,
      world: quizWorld,
    });
    expect(figures).toMatchObject({ lost: 0, duplicates: 0, mismatched: 0, unacknowledged: 0, refused: 0 });
    expect(figures.kills).toBe(3);
    expect(figures.acknowledged).toBeGreaterThanOrEqual(100);
    expect(figures.stored).toBe(figures.acknowledged);
  });
});
