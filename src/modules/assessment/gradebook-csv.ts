import type { ServiceContext } from '../../platform/access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { requireStaffRun } from '../enrollment/index.ts';
import { loadGradebookQuizzes, toGradebookRow } from './gradebook.ts';
import { selectLearnerBatch } from './gradebook-queries.ts';
import { selectQuizScoresOf } from './grades-store.ts';

/** Learners read per query while streaming: memory stays flat however large the run. */
export const CSV_BATCH_SIZE = 2000;

/** Column titles; the web passes them in the reader's language. */
export type GradebookCsvLabels = {
  learnerId: string;
  name: string;
  email: string;
  mode: string;
  average: (type: string) => string;
  grade: string;
  override: string;
  passed: string;
  yes: string;
  no: string;
};

export const ENGLISH_CSV_LABELS: GradebookCsvLabels = {
  learnerId: 'Learner ID',
  name: 'Name',
  email: 'Email',
  mode: 'Enrollment mode',
  average: (type) => `${type} average`,
  grade: 'Grade',
  override: 'Override',
  passed: 'Passed',
  yes: 'yes',
  no: 'no',
};

export type GradebookCsv = { fileName: string; lines: AsyncIterable<string> };

/** Spreadsheet programs run a cell starting with one of these (after any spaces) as a formula. */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/u;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/u;

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: text that would start a formula gets a
 * leading apostrophe, and quotes, commas and line breaks are quoted.
 */
export function toCsvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? formatCsvNumber(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Numbers with a dot and at most six decimals, whatever the locale, so every program reads them. */
function formatCsvNumber(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

export function toCsvLine(cells: ReadonlyArray<string | number | null>): string {
  return `${cells.map(toCsvCell).join(',')}\r\n`;
}

/**
 * The whole gradebook of a run as CSV lines for its staff ('view_learners'): one line per active
 * learner (by enrollment) with their id, name, address, mode, each graded quiz's score, each
 * assignment type's average, the computed grade, any override and whether they passed. The access
 * check happens here, before any line; the lines are read in keyset batches of CSV_BATCH_SIZE
 * outside any transaction, so a slow download holds no lock and no snapshot (on PGlite, no
 * transaction that would block every writer). Errors: unauthenticated, not_found, forbidden.
 */
export async function streamGradebookCsv(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  options: { labels?: GradebookCsvLabels; batchSize?: number } = {},
): Promise<GradebookCsv> {
  const { course, run } = await requireStaffRun(ctx, courseKey, runCode, 'view_learners');
  const labels = options.labels ?? ENGLISH_CSV_LABELS;
  const { quizzes } = await loadGradebookQuizzes(ctx.db, run);
  const header = [
    labels.learnerId,
    labels.name,
    labels.email,
    labels.mode,
    ...quizzes.map((quiz) => quiz.title),
    ...run.gradingPolicy.assignmentTypes.map((type) => labels.average(type.name)),
    labels.grade,
    labels.override,
    labels.passed,
  ];
  const batchSize = Math.max(1, Math.min(options.batchSize ?? CSV_BATCH_SIZE, 10_000));

  async function* generate(db: Database): AsyncGenerator<string> {
    yield toCsvLine(header);
    let afterId = 0;
    for (;;) {
      const batch = await selectLearnerBatch(db, run.id, afterId, batchSize);
      if (batch.length === 0) return;
      const scores = await selectQuizScoresOf(
        db,
        batch.map((learner) => learner.enrollment.id),
      );
      // One string per batch: thousands of tiny writes cost more than the text itself.
      let chunk = '';
      for (const learner of batch) {
        const row = toGradebookRow(
          learner,
          run.gradingPolicy,
          quizzes,
          quizzes,
          scores.get(learner.enrollment.id) ?? new Map(),
        );
        chunk += toCsvLine([
          row.userId,
          row.name,
          row.email,
          row.mode,
          ...row.scores,
          ...row.averages,
          row.computed,
          row.override,
          row.passed ? labels.yes : labels.no,
        ]);
      }
      yield chunk;
      afterId = batch.at(-1)!.enrollment.id;
      if (batch.length < batchSize) return;
    }
  }

  return { fileName: `gradebook-${course.key}-${run.code}.csv`, lines: generate(ctx.db) };
}
