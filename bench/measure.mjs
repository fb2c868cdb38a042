/* global fetch, AbortSignal */
// Helpers for the benchmarks of signed-in pages: signing in the demo learner, capturing a
// response as autocannon will see it, the bare Node ceiling serving those bytes, one autocannon
// measurement with the server's CPU per request, and a page's first-visit weight.
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT, formatTable, readCpuMilliseconds, spawnPinned } from './lib.mjs';

export const DEMO_LEARNER = { email: 'learner@demo.orbis.test', password: 'orbis-demo-2020' };
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

/** Signs in through the JSON API; returns the session cookies as one `cookie` header. */
export async function signIn(baseUrl, credentials = DEMO_LEARNER) {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Signing in ${credentials.email} failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** Enrolls the signed-in person through the API: 201 new, 200 already enrolled. */
export async function enrollInRun(baseUrl, cookie, courseKey, runCode) {
  const enrolled = await fetch(`${baseUrl}/api/v1/courses/${courseKey}/runs/${runCode}/enrollment`, {
    method: 'POST',
    headers: { cookie, origin: baseUrl },
    signal: AbortSignal.timeout(10_000),
  });
  if (enrolled.status !== 201 && enrolled.status !== 200) {
    throw new Error(`Enrolling in ${courseKey}/${runCode} failed: ${enrolled.status} ${await enrolled.text()}`);
  }
}

/** One GET as autocannon will send it, keeping the exact bytes and headers. */
export function captureResponse(baseUrl, route, headers) {
  return new Promise((resolve, reject) => {
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

/** What a first visit transfers: the page and its stylesheet and script, compressed as browsers ask. */
export async function weighFirstVisit(baseUrl, route, cookie) {
  const compressed = { 'accept-encoding': 'br, gzip' };
  const plain = await captureResponse(baseUrl, route, { cookie });
  const html = Buffer.from(plain.body, 'base64').toString('utf8');
  const assets = [...new Set([...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]))];
  const parts = [['page', (await captureResponse(baseUrl, route, { cookie, ...compressed })).size]];
  for (const asset of assets) {
    parts.push([asset.split('?')[0], (await captureResponse(baseUrl, asset, compressed)).size]);
  }
  return { parts, total: parts.reduce((sum, [, size]) => sum + size, 0) };
}

/** The bare Node server of bench/ceiling.mjs, pinned like the server, answering with the captured file. */
export async function startCeiling(file) {
  const child = spawnPinned(process.execPath, [path.join(ROOT, 'bench/ceiling.mjs'), file], { cwd: ROOT });
  let buffered = '';
  for await (const chunk of child.stdout) {
    buffered += chunk.toString('utf8');
    const match = /listening (\d+)/.exec(buffered);
    if (match) return { baseUrl: `http://127.0.0.1:${match[1]}`, child };
  }
  throw new Error('The ceiling server did not start.');
}

/**
 * GETs one URL for `duration` seconds over `connections` connections. With the server's `pid`,
 * also its CPU time per request, which moves less than req/s when the machine is shared.
 */
export async function measure(url, { duration, connections, headers, pid = null }) {
  const cpuBefore = readCpuMilliseconds(pid);
  const result = await autocannon({ url, connections, duration, headers, timeout: 10 });
  const cpuAfter = readCpuMilliseconds(pid);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    cpuPerRequest: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / result.requests.total,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Each route against the ceiling serving the same bytes, warm-up first on both, and the table of
 * figures; `label` names a route in the table (the route itself by default). The two servers
 * take turns for `rounds` rounds of `duration` seconds each, and the ratio is the median of the
 * rounds' ratios: a machine whose speed drifts by a fifth within a minute (a shared VM) then
 * moves both sides of each ratio alike, instead of whichever one ran in the slow moment.
 */
export async function compareWithCeiling({
  serverUrl,
  ceilingUrl,
  routes,
  captured,
  load,
  pid,
  duration,
  warmup,
  label,
  rounds = 3,
}) {
  const rows = [];
  for (const route of routes) {
    await measure(serverUrl + route, { ...load, duration: warmup });
    await measure(ceilingUrl + route, { ...load, duration: warmup });
    const orbis = [];
    const bare = [];
    for (let round = 0; round < rounds; round += 1) {
      orbis.push(await measure(serverUrl + route, { ...load, duration, pid }));
      bare.push(await measure(ceilingUrl + route, { ...load, duration }));
    }
    const ratios = orbis.map((own, index) =>
      bare[index].requestsPerSecond > 0 ? (100 * own.requestsPerSecond) / bare[index].requestsPerSecond : 0,
    );
    const cpu = orbis.map((own) => own.cpuPerRequest).filter((value) => value !== null);
    rows.push([
      label ? label(route) : route,
      `${captured[route].status}`,
      `${captured[route].size}`,
      median(orbis.map((own) => own.requestsPerSecond)).toFixed(0),
      `${median(orbis.map((own) => own.p50))} ms`,
      `${median(orbis.map((own) => own.p99))} ms`,
      cpu.length === 0 ? '-' : `${median(cpu).toFixed(2)} ms`,
      median(bare.map((other) => other.requestsPerSecond)).toFixed(0),
      `${median(ratios).toFixed(1)} %`,
      `${ratios.map((ratio) => ratio.toFixed(1)).join(' / ')} %`,
      `${orbis.reduce((sum, own) => sum + own.failures, 0)}`,
    ]);
  }
  return formatTable(
    ['route', 'status', 'bytes', 'req/s', 'p50', 'p99', 'CPU/req', 'ceiling req/s', 'ratio', 'rounds', 'failed'],
    rows,
  );
}
