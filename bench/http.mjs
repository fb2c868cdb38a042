// Throughput of anonymous pages on loopback, next to a bare Node server sending the same bytes.
// Bounded: each measurement lasts BENCH_DURATION seconds, and a watchdog ends the whole run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearTimeout } from 'node:timers';
import autocannon from 'autocannon';
import {
  HAS_TASKSET,
  ROOT,
  envNumber,
  formatTable,
  pinSelfAwayFromServer,
  spawnPinned,
  startOrbisServer,
  startWatchdog,
  stopChild,
} from './lib.mjs';
import { BENCH_COURSES, seedCourses } from './seed-courses.mjs';

export const ROUTES = [
  '/',
  '/institutions',
  '/institutions/tsinghua',
  '/courses',
  '/courses?q=climate',
  '/courses/climate-data-cities',
  '/api/v1/courses?q=climate',
  '/api/v1/courses?q=climat%20chnage',
  '/api/v1/courses?q=%E6%B0%94%E5%80%99',
  '/health/live',
];
const DURATION = envNumber('BENCH_DURATION', 10);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 16);
const WARMUP = 2;
// Left empty by default, like autocannon; set to "br, gzip" to include compression in the cost.
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? '';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

/** One plain GET, as autocannon will send it, keeping the exact bytes and headers. */
function captureResponse(baseUrl, route) {
  return new Promise((resolve, reject) => {
    const headers = ACCEPT_ENCODING ? { 'accept-encoding': ACCEPT_ENCODING } : {};
    const request = httpRequest(new URL(route, baseUrl), { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const kept = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
        kept['content-length'] = String(body.length);
        resolve({ status: response.statusCode ?? 0, headers: kept, body: body.toString('base64'), size: body.length });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(10_000, () => request.destroy(new Error(`Timed out fetching ${route}`)));
    request.end();
  });
}

/** Says how many courses /courses lists, so a run without the seeded catalog is plain to see. */
function reportCatalogSize(response) {
  const html = Buffer.from(response?.body ?? '', 'base64').toString('utf8');
  const count = /id="results-heading">([^<]*)</.exec(html)?.[1] ?? 'unknown';
  console.log(`Catalog: ${count} listed (${BENCH_COURSES} seeded; compressed bodies hide the count).`);
}

async function startCeiling(file) {
  const child = spawnPinned(process.execPath, [path.join(ROOT, 'bench/ceiling.mjs'), file], { cwd: ROOT });
  let buffered = '';
  for await (const chunk of child.stdout) {
    buffered += chunk.toString('utf8');
    const match = /listening (\d+)/.exec(buffered);
    if (match) return { baseUrl: `http://127.0.0.1:${match[1]}`, child };
  }
  throw new Error('The ceiling server did not start.');
}

async function measure(url, duration) {
  const headers = ACCEPT_ENCODING ? { 'accept-encoding': ACCEPT_ENCODING } : {};
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers, timeout: 10 });
  const failures = result.errors + result.timeouts + result.non2xx;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures,
  };
}

async function measureBoth(orbisUrl, ceilingUrl, route) {
  await measure(orbisUrl + route, WARMUP);
  const orbis = await measure(orbisUrl + route, DURATION);
  await measure(ceilingUrl + route, WARMUP);
  const ceiling = await measure(ceilingUrl + route, DURATION);
  return { orbis, ceiling };
}

export async function runHttpBenchmark() {
  const pinned = pinSelfAwayFromServer();
  const watchdog = startWatchdog(ROUTES.length * 2 * (DURATION + WARMUP + 10) + 180, 'bench/http');
  const workDir = mkdtempSync(path.join(tmpdir(), 'orbis-ceiling-'));
  // The catalog is filled before the server opens the database (one PGlite per process).
  const server = await startOrbisServer({ prepare: seedCourses });
  let ceiling = null;
  const rows = [];
  try {
    const captured = {};
    for (const route of ROUTES) captured[route] = await captureResponse(server.baseUrl, route);
    const file = path.join(workDir, 'responses.json');
    writeFileSync(file, JSON.stringify(captured));
    ceiling = await startCeiling(file);
    reportCatalogSize(captured['/courses']);

    console.log(
      `HTTP on loopback: ${CONNECTIONS} connections, ${DURATION} s per measurement, server ${
        HAS_TASKSET ? 'pinned to core 0' : 'not pinned (no taskset)'
      }, load generator ${pinned ? 'on the other cores' : 'not pinned'}, accept-encoding "${ACCEPT_ENCODING || 'none'}".`,
    );
    for (const route of ROUTES) {
      const { status, size } = captured[route];
      const { orbis, ceiling: bare } = await measureBoth(server.baseUrl, ceiling.baseUrl, route);
      const ratio = bare.requestsPerSecond > 0 ? (100 * orbis.requestsPerSecond) / bare.requestsPerSecond : 0;
      rows.push([
        route,
        `${status}`,
        `${size}`,
        orbis.requestsPerSecond.toFixed(0),
        `${orbis.p50} ms`,
        `${orbis.p99} ms`,
        bare.requestsPerSecond.toFixed(0),
        `${ratio.toFixed(1)} %`,
        `${orbis.failures}`,
      ]);
    }
  } finally {
    if (ceiling) await stopChild(ceiling.child);
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
  console.log(
    formatTable(['route', 'status', 'bytes', 'req/s', 'p50', 'p99', 'ceiling req/s', 'ratio', 'failed'], rows),
  );
  console.log('Goal: anonymous pages at 25 % or more of the ceiling.');
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'bench/http.mjs')) {
  runHttpBenchmark().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
