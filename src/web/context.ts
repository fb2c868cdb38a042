import type { Actor, ServiceContext } from '../platform/access/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Config } from '../platform/config/index.ts';
import type { Locale } from '../platform/i18n/index.ts';
import type { Logger } from '../platform/log/index.ts';
import type { Auth, UserProfile } from '../modules/identity/index.ts';
import type { MailDispatcher } from '../platform/mail/index.ts';
import type { ObjectStorage } from '../platform/storage/index.ts';
import type { T } from './messages/index.ts';

/** Everything a route needs from the running platform; routes reach the database only through services. */
export type Platform = {
  config: Config;
  db: ServiceContext['db'];
  clock: Clock;
  logger: Logger;
  auth: Auth;
  mail: MailDispatcher | null;
  /** Where uploaded media live: local disk by default, an S3 bucket when configured. */
  storage: ObjectStorage;
  readiness(): Promise<{ database: boolean; migrations: boolean }>;
};

export type Viewer = { profile: UserProfile; actor: Actor };

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
  interface FastifyRequest {
    locale: Locale;
    t: T;
    viewer: Viewer | null;
  }
}
