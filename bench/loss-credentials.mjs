// Loss test for issuing: seeds passes whose certificates the server's worker issues from the
// outbox, and kills that server with SIGKILL 1.8–3.5 s after it is ready (its worker polls every
// 2 s, so mostly while it issues), starting it again
// on the same database. Between a kill and the restart, while no process holds the database,
// it reads how many credentials exist. At the end every pass must have exactly one credential
// and every event must be done. Only PIDs this harness spawned are ever signalled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createDatabase, killHard, startServer } from './loss-submissions.mjs';
import { envNumber, findFreePort, guardLossScript, stopChild } from './lib.mjs';

export async function runCredentialLossTest(options = {}) {
  const passes = options.passes ?? 200;
  const kills = options.kills ?? 5;
  const mode = options.mode ?? 'dist';
  const log = options.log ?? console.log;
  const world =
    options.world ?? (await (await import('tsx/esm/api')).tsImport('./credentials-world.ts', import.meta.url));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbis-loss-credentials-'));
  const database = options.databaseUrl ? await createDatabase(options.databaseUrl) : null;
  const databaseUrl = database?.url ?? null;
  const port = await findFreePort();
  const serverOptions = { mode, port, dataDir, databaseUrl, baseUrl: `http://127.0.0.1:${port}` };
  const storage = { dataDir, databaseUrl };
  let server = null;
  try {
    log(`Seeding ${passes} passes (${databaseUrl ? 'PostgreSQL' : 'PGlite'}, server from ${mode})…`);
    const { enrollments } = await world.seedCredentialWorld({ ...storage, passes });
    const progress = [];
    let killed = 0;
    let killedWhileIssuing = 0;
    let idleRounds = 0;
    for (let round = 0; round < kills; round += 1) {
      server = await startServer(serverOptions);
      // A slow start (a cold machine) issues nothing in the first window: wait longer next time.
      await sleep(1800 + Math.random() * 1700 + idleRounds * 1500);
      await killHard(server);
      server = null;
      killed += 1;
      const state = await world.readIssuedState(storage);
      progress.push(state.credentials.length);
      if (state.credentials.length > 0 && state.pendingEvents > 0) killedWhileIssuing += 1;
      if (state.credentials.length === (progress.at(-2) ?? 0)) idleRounds += 1;
      if (state.pendingEvents === 0) break;
    }
    // Restart until the worker has handled every event, however the kills fell.
    const deadline = Date.now() + (options.settleSeconds ?? 120) * 1000;
    let state = await world.readIssuedState(storage);
    while (state.pendingEvents > 0 && Date.now() < deadline) {
      server = await startServer(serverOptions);
      await sleep(3000);
      await stopChild(server.child);
      server = null;
      state = await world.readIssuedState(storage);
    }
    const counts = new Map(state.credentials.map((entry) => [entry.enrollmentUuid, entry.count]));
    const figures = {
      database: databaseUrl ? 'postgresql' : 'pglite',
      passes: enrollments.length,
      kills: killed,
      killedWhileIssuing,
      credentialsAfterEachKill: progress,
      issued: state.credentials.length,
      missing: enrollments.filter((uuid) => !counts.has(uuid)).length,
      duplicates: state.credentials.filter((entry) => entry.count > 1).length,
      pendingEvents: state.pendingEvents,
      doneEvents: state.doneEvents,
    };
    log(JSON.stringify(figures, null, 2));
    return figures;
  } finally {
    if (server) await killHard(server);
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  guardLossScript('loss-credentials');
  const figures = await runCredentialLossTest({
    passes: envNumber('LOSS_PASSES', 300),
    kills: envNumber('LOSS_KILLS', 8),
    mode: process.env.LOSS_FROM_SOURCE ? 'source' : 'dist',
    databaseUrl: process.env.BENCH_DATABASE_URL ?? null,
  });
  process.exit(figures.missing === 0 && figures.duplicates === 0 && figures.pendingEvents === 0 ? 0 : 1);
}
