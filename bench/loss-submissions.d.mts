/** Types of the loss test harness, for the CI test that runs a small version of it. */
import type * as QuizWorld from './quiz-world.ts';

export type LossFigures = {
  database: 'postgresql' | 'pglite';
  acknowledged: number;
  stored: number;
  lost: number;
  duplicates: number;
  mismatched: number;
  unacknowledged: number;
  kills: number;
  downtimeSeconds: number;
  networkErrors: number;
  serverErrors: number;
  replays: number;
  resent: number;
  refused: number;
  seconds: number;
};

export type LossOptions = {
  minimum?: number;
  kills?: number;
  lanes?: number;
  mode?: 'dist' | 'source';
  /** A PostgreSQL server on which the test creates (and drops) its own database; PGlite when absent. */
  databaseUrl?: string | null;
  /** The share of acknowledged submissions sent again as if the answer had been lost. */
  dropRate?: number;
  log?: (line: string) => void;
  world?: typeof QuizWorld;
};

export function runLossTest(options?: LossOptions): Promise<LossFigures>;
