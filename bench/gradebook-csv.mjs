// Streaming a large gradebook as CSV: seeds BENCH_LEARNERS learners (default 100,000) in one run of
// a course with three graded quizzes, then reads streamGradebookCsv to the end without keeping it,
// and prints the bytes, the seconds and the peak resident memory while streaming.
// Measurements, not tests: nothing here fails on a figure.
// Usage: node bench/gradebook-csv.mjs                  (PGlite in a temporary directory)
//        BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/gradebook-csv.mjs
import { performance } from 'node:perf_hooks';
import { clearInterval, clearTimeout, setInterval } from 'node:timers';
import { envNumber, formatTable, startWatchdog } from './lib.mjs';
import { assessment, openBenchDatabase, seedGradedCourse, seedLearners } from './grades-recompute.mjs';

const watchdog = startWatchdog(envNumber('BENCH_TIMEOUT', 600), 'bench/gradebook-csv');
const learners = envNumber('BENCH_LEARNERS', 100_000);
const batchSize = envNumber('BENCH_BATCH', 2000);
const megabytes = (bytes) => (bytes / 1024 / 1024).toFixed(1);

const { handle, kind, drop } = await openBenchDatabase('gradebook');
try {
  let started = performance.now();
  const seeded = await seedGradedCourse(handle.db, 1);
  await seedLearners(handle.db, seeded, learners, 'csv');
  await assessment.recomputeAllGrades(handle.db);
  console.log(`${kind}: seeded ${learners} learners in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  started = performance.now();
  const csv = await assessment.streamGradebookCsv(seeded.ctx, seeded.key, seeded.runs[0].code, { batchSize });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of csv.lines) {
    bytes += Buffer.byteLength(chunk);
    for (let index = chunk.indexOf('\n'); index !== -1; index = chunk.indexOf('\n', index + 1)) lines += 1;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  console.log(
    formatTable(
      ['learners', 'lines', 'MiB', 'seconds', 'lines/s', 'RSS before MiB', 'peak RSS MiB', 'growth MiB'],
      [
        [
          learners,
          lines,
          megabytes(bytes),
          elapsed.toFixed(1),
          Math.round(lines / elapsed).toLocaleString('en'),
          megabytes(before),
          megabytes(peak),
          megabytes(peak - before),
        ],
      ],
    ),
  );
} finally {
  await handle.close();
  await drop();
  clearTimeout(watchdog);
}
