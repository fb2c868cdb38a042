// Runs the benchmarks one after the other, each in its own process so that CPU pinning and the
// browser of one never affect the other. Measurements, not tests: nothing here fails on a figure.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SERVER_ENTRY } from './lib.mjs';

const SCRIPTS = [
  'bench/http.mjs',
  'bench/page-weight.mjs',
  'bench/catalog.mjs',
  'bench/learn-unit.mjs',
  'bench/quiz-submit.mjs',
  'bench/enroll-bulk.mjs',
  'bench/grades-recompute.mjs',
  'bench/gradebook-csv.mjs',
  'bench/forum.mjs',
  'bench/credentials.mjs',
];

function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, stdio: 'inherit' });
    const forward = () => {
      if (child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    };
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.once('exit', (code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 1);
    });
  });
}

if (!process.env.BENCH_SKIP_BUILD || !existsSync(SERVER_ENTRY)) {
  const built = await runScript('scripts/build.mjs');
  if (built !== 0) {
    console.error('The build failed; fix it or set BENCH_SKIP_BUILD=1 to measure the existing dist/.');
    process.exit(built);
  }
}

let failures = 0;
for (const script of SCRIPTS) {
  console.log(`\n== ${script}`);
  if ((await runScript(script)) !== 0) failures += 1;
}
process.exit(failures === 0 ? 0 : 1);
