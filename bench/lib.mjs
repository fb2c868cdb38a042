/* global fetch, AbortSignal */
// Shared helpers for the benchmarks: a free port, the built server as a pinned child process, and
// stopping children by their PID so that every run ends by itself.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SERVER_ENTRY = path.join(ROOT, 'dist/src/cli/main.js');

const children = new Set();

function findTaskset() {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const HAS_TASKSET = findTaskset();

/** Keeps the load generator off core 0 so that the server under test has it to itself. */
export function pinSelfAwayFromServer() {
  if (!HAS_TASKSET || availableParallelism() < 2) return false;
  const last = availableParallelism() - 1;
  execFileSync('taskset', ['-a', '-cp', `1-${last}`, String(process.pid)], { stdio: 'ignore' });
  return true;
}

/** Spawns a command, pinned to core 0 when taskset exists; taskset execs, so the PID is the program's. */
export function spawnPinned(command, args, options) {
  const [file, argv] = HAS_TASKSET ? ['taskset', ['-c', '0', command, ...args]] : [command, args];
  const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** SIGTERM, then SIGKILL after ten seconds; resolves once the child has exited. */
export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** Last resort on a watchdog or an interrupt: no child outlives the benchmark. */
export function killAllChildren() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

/** Ends the process with an error if the whole run takes longer than it should. */
export function startWatchdog(seconds, label) {
  const timer = setTimeout(() => {
    console.error(`${label}: still running after ${seconds} s, stopping.`);
    killAllChildren();
    process.exit(1);
  }, seconds * 1000);
  timer.unref();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      killAllChildren();
      process.exit(130);
    });
  }
  return timer;
}

/**
 * A fresh database on the PostgreSQL server named by BENCH_DATABASE_URL, or null to use the
 * embedded database. Returns the new database's URL and a function that drops it.
 */
async function createBenchDatabase() {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) return null;
  const { default: pg } = await import('pg');
  const name = `orbis_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
  return { url: url.toString(), drop };
}

/**
 * The built server with demo data, pinned to core 0: on a fresh database of the PostgreSQL
 * server named by BENCH_DATABASE_URL, or in a fresh embedded database. `prepare` fills the
 * database before the server opens it (one PGlite per process). `entry` runs another build (two
 * builds side by side, to compare them in alternating turns).
 */
export async function startOrbisServer({ prepare, entry = SERVER_ENTRY } = {}) {
  if (!existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` first.');
  const port = await findFreePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbis-bench-'));
  const database = await createBenchDatabase();
  if (prepare) await prepare({ dataDir, databaseUrl: database?.url ?? null });
  const baseUrl = `http://127.0.0.1:${port}`;
  // For profiling, e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawnPinned(process.execPath, [...nodeArgs, entry, 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      ORBIS_DATA_DIR: dataDir,
      ORBIS_DEMO: 'true',
      ORBIS_BASE_URL: baseUrl,
      ORBIS_RATE_LIMIT: 'false',
      ORBIS_LOG_LEVEL: 'warn',
      ...(database ? { DATABASE_URL: database.url } : {}),
    },
  });
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk.toString('utf8')).slice(-10_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited early:\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return { baseUrl, pid: child.pid, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`The server was not ready within 90 s:\n${output}`);
}

export function envNumber(name, fallback) {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function formatTable(headers, rows) {
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...rows.map((row) => String(row[index]).length)),
  );
  const line = (cells) =>
    cells
      .map((cell, index) => (index === 0 ? String(cell).padEnd(widths[index]) : String(cell).padStart(widths[index])))
      .join('  ');
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function readClockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

const CLOCK_TICKS = readClockTicks();

/** user + system CPU of one process from /proc/<pid>/stat, in ms; null when unreadable. */
function readStatMilliseconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * CPU milliseconds the server has used (user + system), from /proc; null where there is none.
 * Requests per second move with whatever else the machine runs; CPU per request much less so.
 */
export function readCpuMilliseconds(pid) {
  if (!pid) return null;
  return readStatMilliseconds(pid);
}

/**
 * CPU milliseconds used so far by the local PostgreSQL server's processes (every process named
 * `postgres` this user can read), or null without /proc. Backends come and go, so compare two
 * readings taken while the benchmark's connections stay open.
 */
export function readPostgresCpuMilliseconds() {
  if (!existsSync('/proc/self/stat')) return null;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command;
    try {
      command = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (command !== 'postgres') continue;
    total += readStatMilliseconds(entry) ?? 0;
  }
  return total;
}

/**
 * For a loss script run from the command line: a 15-minute watchdog, and SIGINT/SIGTERM ending
 * every child it spawned before the process exits.
 */
export function guardLossScript(label) {
  const watchdog = setTimeout(
    () => {
      console.error(`${label}: still running after 15 minutes, stopping.`);
      killAllChildren();
      process.exit(1);
    },
    15 * 60 * 1000,
  );
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      killAllChildren();
      process.exit(130);
    });
  }
}
