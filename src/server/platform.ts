import { configureHotPathCaches } from '../platform/cache/index.ts';
import { systemClock, type Clock } from '../platform/clock/index.ts';
import type { Config } from '../platform/config/index.ts';
import { applyMigrations, openDatabase, readMigrationStatus, type DatabaseHandle } from '../platform/db/index.ts';
import { createLogger, type Logger } from '../platform/log/index.ts';
import { createMailTransport, startMailDispatcher, type MailTransport } from '../platform/mail/index.ts';
import { createStorageFromConfig, type ObjectStorage } from '../platform/storage/index.ts';
import { startCatalogIndexing } from '../modules/catalog/index.ts';
import { configureCredentials, loadRemoteDidWebDocument } from '../modules/credentials/index.ts';
import { configureLearningRecords } from '../modules/records/index.ts';
import { configureForumLimits } from '../modules/discussions/index.ts';
import { createAuth } from '../modules/identity/index.ts';
import type { Platform } from '../web/context.ts';
import { composeAccountMail } from '../web/mail-templates.ts';
import { startForumWorkers } from './forum-workers.ts';
import { startLearningWorkers, type LearningWorkers } from './learning-workers.ts';

export type OpenPlatformOptions = {
  clock?: Clock;
  logger?: Logger;
  /** Reuse an open database (tests); otherwise one is opened from the configuration. */
  database?: DatabaseHandle;
  migrate?: boolean;
  dispatchMail?: boolean;
  /**
   * Run the background workers (stale grades after a policy or release change). By default they
   * run where mail is dispatched, except under NODE_ENV=test, where a test starts them itself.
   */
  runWorkers?: boolean;
  mailTransport?: MailTransport;
  storage?: ObjectStorage;
};

export type RunningPlatform = Platform & {
  handle: DatabaseHandle;
  /** The background workers, when they run. */
  workers: LearningWorkers | null;
  close(): Promise<void>;
};

/** Wires configuration, database, mail and auth into the platform the web layer serves. */
export async function openPlatform(config: Config, options: OpenPlatformOptions = {}): Promise<RunningPlatform> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const handle =
    options.database ??
    (await openDatabase(
      config.database.kind === 'postgres'
        ? { kind: 'postgres', url: config.database.url }
        : { kind: 'pglite', dataDir: config.database.dataDir },
    ));
  if (options.migrate !== false) await applyMigrations(handle);
  startCatalogIndexing();
  configureHotPathCaches({ ttlMs: config.hotCacheTtlMs });
  configureLearningRecords({ homePage: config.baseUrl });
  // ORBIS_RATE_LIMIT=false turns posting limits off with the others (tests, write benchmarks).
  configureForumLimits({ enabled: config.rateLimit });
  configureCredentials({
    baseUrl: config.baseUrl,
    keyEncryptionSecret: config.keyEncryptionSecret,
    // Tests never reach other hosts; a deployment verifies other issuers' credentials.
    loadRemoteDidDocument: config.env === 'test' ? null : loadRemoteDidWebDocument,
  });
  const db = handle.db;
  const storage = options.storage ?? createStorageFromConfig(config);
  const auth = createAuth({ db, config, composeMail: composeAccountMail });
  const mail =
    options.dispatchMail === false
      ? null
      : startMailDispatcher(db, options.mailTransport ?? createMailTransport(config.smtpUrl), {
          from: config.mailFrom,
          clock,
          logger,
          intervalMs: config.env === 'test' ? 200 : 2000,
        });
  const runWorkers = options.runWorkers ?? (options.dispatchMail !== false && config.env !== 'test');
  const workers = runWorkers ? startLearningWorkers(db, { clock, logger, intervalMs: 2000 }) : null;
  const forumWorkers = runWorkers
    ? startForumWorkers({
        db,
        clock,
        logger,
        baseUrl: config.baseUrl,
        ...(config.env === 'test' ? { intervalMs: 1000 } : {}),
      })
    : null;
  return {
    config,
    db,
    clock,
    logger,
    auth,
    mail,
    storage,
    handle,
    workers,
    readiness: async () => {
      try {
        const status = await readMigrationStatus(handle);
        return { database: true, migrations: status.current };
      } catch {
        return { database: false, migrations: false };
      }
    },
    close: async () => {
      await workers?.stop();
      await forumWorkers?.stop();
      await mail?.stop();
      if (!options.storage) await storage.close();
      if (!options.database) await handle.close();
    },
  };
}
