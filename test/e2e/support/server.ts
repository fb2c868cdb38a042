import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = path.join(ROOT, 'dist/src/cli/main.js');
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;

export type RunningOrbis = {
  baseUrl: string;
  pid: number;
  /** Everything the server wrote, to explain a failure. */
  output(): string;
  stop(): Promise<void>;
};

/** Asks the kernel for a free port on loopback; the tiny race before the server binds is acceptable here. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built server exactly as an operator would (`node dist/src/cli/main.js serve`), with
 * demo data in a fresh embedded database, and waits until it reports ready.
 */
export async function startOrbis(extraEnv: Record<string, string> = {}): Promise<RunningOrbis> {
  const port = await findFreePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbis-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [ENTRY, 'serve'], {
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
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const pid = child.pid;
  if (pid === undefined) throw new Error('The server process could not be started.');

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= stopProcess(child, pid).finally(() => rmSync(dataDir, { recursive: true, force: true }));
    return stopped;
  };

  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid, output: () => output, stop };
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited early (code ${child.exitCode}, signal ${child.signalCode}):\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** SIGTERM lets the server close its database cleanly; SIGKILL follows if it hangs. */
async function stopProcess(child: ChildProcess, pid: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
  }, STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
