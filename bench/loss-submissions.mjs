/* global fetch, AbortSignal */
// Loss test: learners submit quiz attempts through the API with Idempotency-Key and retries,
// while the harness kills the server it started with SIGKILL every 1–3 s and starts it again
// on the same database. At the end every acknowledged (2xx) submission must be stored exactly
// once: 0 lost, 0 duplicates. Only PIDs this harness spawned are ever signalled.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ROOT, SERVER_ENTRY, envNumber, findFreePort, guardLossScript, spawnPinned, stopChild } from './lib.mjs';

const READY_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** A fresh database on the PostgreSQL server at `serverUrl`, and a function that drops it. */
export async function createDatabase(serverUrl) {
  const { default: pg } = await import('pg');
  const name = `orbis_loss_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** The server as an operator starts it (dist/), or from the sources through tsx (no build needed). */
function spawnServer({ mode, port, dataDir, databaseUrl }) {
  const args =
    mode === 'dist' ? [SERVER_ENTRY, 'serve'] : ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve'];
  return spawnPinned(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      ORBIS_DATA_DIR: dataDir,
      ORBIS_DEMO: 'false',
      ORBIS_BASE_URL: `http://127.0.0.1:${port}`,
      ORBIS_RATE_LIMIT: 'false',
      ORBIS_LOG_LEVEL: 'error',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
}

async function waitUntilReady(child, baseUrl, output) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited while starting:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** Starts the server and returns a handle whose `pid` is the server process itself. */
export async function startServer(options) {
  const child = spawnServer(options);
  let log = '';
  const collect = (chunk) => {
    log = (log + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  await waitUntilReady(child, options.baseUrl, () => log);
  return { child, pid: child.pid, output: () => log };
}

export async function killHard(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  process.kill(server.pid, 'SIGKILL');
  await exited;
}

/**
 * Sends a request until the server answers with something other than a network failure or a
 * 5xx. Counts the retries. Resolves with the status and JSON body.
 */
async function sendUntilAnswered(stats, baseUrl, request) {
  for (;;) {
    try {
      const response = await fetch(`${baseUrl()}${request.path}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${request.token}`,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...request.headers,
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status < 500) return { status: response.status, body: text ? JSON.parse(text) : null };
      stats.serverErrors += 1;
    } catch {
      stats.networkErrors += 1;
    }
    await sleep(50 + Math.random() * 200);
  }
}

/** One lane: a learner who starts and submits attempts one after another. */
async function runLane(state, learner, world) {
  const { stats, acknowledged } = state;
  const base = `/api/v1/courses/${world.courseKey}/runs/${world.runCode}/quizzes/${world.blockKey}/attempts`;
  while (!state.finished()) {
    const key = randomUUID();
    const started = await sendUntilAnswered(stats, state.baseUrl, { method: 'POST', path: base, token: learner.token });
    if (started.status !== 200 && started.status !== 201) {
      stats.refused.push(`start ${started.status} ${JSON.stringify(started.body)}`);
      return;
    }
    const attemptId = started.body.id;
    const submitted = await sendUntilAnswered(stats, state.baseUrl, {
      method: 'POST',
      path: `${base}/${attemptId}/submission`,
      token: learner.token,
      headers: { 'idempotency-key': key },
      body: { answers: world.answers },
    });
    if (submitted.status !== 200 && submitted.status !== 201) {
      stats.refused.push(`submit ${submitted.status} ${JSON.stringify(submitted.body)}`);
      return;
    }
    // Now and then the answer is treated as lost on the way back, as a dropped connection would
    // make it, and the same submission is sent again: the server must answer with the same receipt.
    if (Math.random() < state.dropRate) {
      const again = await sendUntilAnswered(stats, state.baseUrl, {
        method: 'POST',
        path: `${base}/${attemptId}/submission`,
        token: learner.token,
        headers: { 'idempotency-key': key },
        body: { answers: world.answers },
      });
      stats.resent += 1;
      if (again.status !== 200 || JSON.stringify(again.body.receipt) !== JSON.stringify(submitted.body.receipt)) {
        stats.refused.push(`resend ${again.status} ${JSON.stringify(again.body)}`);
      }
    }
    if (submitted.status === 200) stats.replays += 1;
    acknowledged.set(key, {
      attemptId,
      userId: learner.userId,
      sha: submitted.body.receipt.answersSha256,
      submissionId: submitted.body.receipt.submissionId,
    });
  }
}

/** Compares what clients were told with what the database holds. */
export function compareWithDatabase(acknowledged, stored) {
  const byKey = new Map();
  let unkeyed = 0;
  for (const row of stored) {
    if (row.idempotencyKey === null) unkeyed += 1;
    else byKey.set(row.idempotencyKey, [...(byKey.get(row.idempotencyKey) ?? []), row]);
  }
  let lost = 0;
  let mismatched = 0;
  let duplicates = unkeyed;
  for (const [key, ack] of acknowledged) {
    const rows = byKey.get(key) ?? [];
    if (rows.length === 0) lost += 1;
    if (rows.length > 1) duplicates += rows.length - 1;
    const row = rows[0];
    if (row && (row.uuid !== ack.attemptId || row.uuid !== ack.submissionId || row.answersSha256 !== ack.sha)) {
      mismatched += 1;
    }
  }
  const unacknowledged = [...byKey.keys()].filter((key) => !acknowledged.has(key)).length;
  return { stored: stored.length, lost, duplicates, mismatched, unacknowledged };
}

/**
 * Runs the loss test. `minimum` submissions at least, and at least `kills` SIGKILLs of the
 * server (every 1–3 s) while they flow; returns the figures.
 */
export async function runLossTest(options = {}) {
  const minimum = options.minimum ?? 500;
  const kills = options.kills ?? 5;
  const lanes = options.lanes ?? 8;
  const mode = options.mode ?? 'dist';
  const log = options.log ?? console.log;
  const world = options.world ?? (await import('tsx/esm/api')).tsImport;
  const { seedQuizWorld, readSubmittedAttempts } =
    typeof world === 'function' ? await world('./quiz-world.ts', import.meta.url) : world;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbis-loss-'));
  const database = options.databaseUrl ? await createDatabase(options.databaseUrl) : null;
  const databaseUrl = database?.url ?? null;
  const port = await findFreePort();
  const serverOptions = { mode, port, dataDir, databaseUrl, baseUrl: `http://127.0.0.1:${port}` };
  const stats = { networkErrors: 0, serverErrors: 0, replays: 0, resent: 0, refused: [], kills: 0, downtimeMs: 0 };
  let server = null;
  try {
    log(`Seeding ${lanes} learners (${databaseUrl ? 'PostgreSQL' : 'PGlite'}, server from ${mode})…`);
    const seeded = await seedQuizWorld({ dataDir, databaseUrl, learners: lanes });
    server = await startServer(serverOptions);
    const acknowledged = new Map();
    const started = Date.now();
    let killing = true;
    const state = {
      stats,
      acknowledged,
      baseUrl: () => serverOptions.baseUrl,
      dropRate: options.dropRate ?? 0.05,
      finished: () => acknowledged.size >= minimum && !killing,
    };
    const killer = (async () => {
      for (let round = 0; round < kills; round += 1) {
        await sleep(1000 + Math.random() * 2000);
        await killHard(server);
        stats.kills += 1;
        const restarting = Date.now();
        server = await startServer(serverOptions);
        stats.downtimeMs += Date.now() - restarting;
      }
      killing = false;
    })();
    await Promise.all([killer, ...seeded.learners.map((learner) => runLane(state, learner, seeded))]);
    const seconds = (Date.now() - started) / 1000;
    await stopChild(server.child);
    server = null;
    const result = compareWithDatabase(acknowledged, await readSubmittedAttempts({ dataDir, databaseUrl }));
    const figures = {
      database: databaseUrl ? 'postgresql' : 'pglite',
      acknowledged: acknowledged.size,
      ...result,
      kills: stats.kills,
      downtimeSeconds: Math.round(stats.downtimeMs / 100) / 10,
      networkErrors: stats.networkErrors,
      serverErrors: stats.serverErrors,
      replays: stats.replays,
      resent: stats.resent,
      refused: stats.refused.length,
      seconds: Math.round(seconds * 10) / 10,
    };
    log(JSON.stringify(figures, null, 2));
    if (stats.refused.length > 0) log(`Refused: ${stats.refused.slice(0, 5).join('\n')}`);
    return figures;
  } finally {
    if (server) await killHard(server);
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  guardLossScript('loss-submissions');
  const figures = await runLossTest({
    minimum: envNumber('LOSS_SUBMISSIONS', 2000),
    kills: envNumber('LOSS_KILLS', 10),
    lanes: envNumber('LOSS_CONNECTIONS', 8),
    mode: process.env.LOSS_FROM_SOURCE ? 'source' : 'dist',
    databaseUrl: process.env.BENCH_DATABASE_URL ?? null,
  });
  process.exit(figures.lost === 0 && figures.duplicates === 0 && figures.mismatched === 0 ? 0 : 1);
}
