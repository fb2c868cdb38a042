import type { FastifyInstance } from 'fastify';
import type { Config } from '../platform/config/index.ts';
import { buildApp } from '../web/app.ts';
import { seedDemoIfEmpty } from './demo.ts';
import { openPlatform, type RunningPlatform } from './platform.ts';

export type RunningServer = { app: FastifyInstance; platform: RunningPlatform; url: string; stop(): Promise<void> };

/** Opens the platform, seeds demo data when asked, listens, and stops cleanly on SIGTERM/SIGINT. */
export async function startServer(config: Config, options: { handleSignals?: boolean } = {}): Promise<RunningServer> {
  const platform = await openPlatform(config);
  if (config.demo) await seedDemoIfEmpty(platform);
  const app = await buildApp({ platform });
  const url = await app.listen({ port: config.port, host: config.host });
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await app.close();
      await platform.close();
    })();
    return stopping;
  };
  if (options.handleSignals !== false) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, 'shutting down');
        const timer = setTimeout(() => process.exit(1), 10_000);
        timer.unref();
        void stop().then(() => process.exit(0));
      });
    }
  }
  app.log.info({ url: config.baseUrl, database: platform.handle.kind, demo: config.demo }, 'Orbis is ready');
  return { app, platform, url, stop };
}
