import path from 'node:path';
import { z } from 'zod';

/** The secret shipped for development; production refuses to start with it. */
export const DEVELOPMENT_SECRET = 'orbis-development-secret-change-me-0123456789';

/** 200 MiB: enough for a lecture video at a modest bitrate, small enough for one request. */
export const DEFAULT_UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

/**
 * How long another process may serve a session, role, course or run this process has changed
 * (ADR 0021). An hour caps it: a revoked session must not stay usable elsewhere for longer.
 */
export const DEFAULT_HOT_CACHE_SECONDS = 10;
const MAX_HOT_CACHE_SECONDS = 3600;

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of true, false, 1, 0, yes, no, on, off',
  })
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const environmentSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      error: 'must be development, production or test',
    })
    .default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  ORBIS_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  ORBIS_BASE_URL: z.url({ error: 'must be an absolute URL such as https://orbis.example.org' }).optional(),
  ORBIS_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  ORBIS_KEY_ENCRYPTION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  ORBIS_DEMO: booleanText.optional(),
  ORBIS_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  ORBIS_MAIL_FROM: z
    .string()
    .min(3, 'must be an address such as Orbis <no-reply@example.org>')
    .default('Orbis <no-reply@orbis.localhost>'),
  ORBIS_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  ORBIS_TRUST_PROXY: booleanText.default(false),
  ORBIS_RATE_LIMIT: booleanText.default(true),
  ORBIS_UPLOAD_MAX_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .positive('must be a positive number of bytes')
    .default(DEFAULT_UPLOAD_MAX_BYTES),
  // Digits only: a typo such as "1e3" or "0x10" should stop the start, not become a long TTL.
  ORBIS_HOT_CACHE_SECONDS: z
    .string()
    .regex(/^\d+$/, `must be a whole number of seconds from 0 (caches off) to ${MAX_HOT_CACHE_SECONDS}`)
    .transform(Number)
    .refine(
      (seconds) => seconds <= MAX_HOT_CACHE_SECONDS,
      `must be a whole number of seconds from 0 (caches off) to ${MAX_HOT_CACHE_SECONDS}`,
    )
    .optional(),
  ORBIS_S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name (3–63 lowercase letters, digits, dots, hyphens)',
    )
    .optional(),
  ORBIS_S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL such as https://s3.example.org' })
    .optional(),
  ORBIS_S3_REGION: z.string().min(1, 'must not be empty').optional(),
  ORBIS_S3_ACCESS_KEY_ID: z.string().min(1, 'must not be empty').optional(),
  ORBIS_S3_SECRET_ACCESS_KEY: z.string().min(1, 'must not be empty').optional(),
  ORBIS_S3_FORCE_PATH_STYLE: booleanText.optional(),
});

type EnvironmentValues = z.infer<typeof environmentSchema>;

/** Where uploaded media lives: a folder on local disk, or an S3-compatible bucket. */
export type StorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      /** null means the provider's default endpoint (AWS). */
      endpoint: string | null;
      region: string;
      /** null for both means the SDK's default credential chain (instance roles). */
      accessKeyId: string | null;
      secretAccessKey: string | null;
      forcePathStyle: boolean;
    };

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  baseUrl: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };
  dataDir: string;
  secret: string;
  /** Seals institutions' private signing keys at rest; ORBIS_SECRET when not set. */
  keyEncryptionSecret: string;
  demo: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  rateLimit: boolean;
  storage: StorageConfig;
  uploadMaxBytes: number;
  /** The hot-path caches' TTL in milliseconds; 0 turns them off. */
  hotCacheTtlMs: number;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from environment variables and fails with a message naming each bad
 * variable, so an operator can fix a deployment without reading code.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(environmentSchema.shape).map((key) => [key, emptyToUndefined(environment[key])]),
  );
  const parsed = environmentSchema.safeParse(relevant);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  if (production && (!values.ORBIS_SECRET || values.ORBIS_SECRET === DEVELOPMENT_SECRET)) {
    throw new ConfigError(
      'Invalid configuration: ORBIS_SECRET must be set to a random value of at least 32 characters in production',
    );
  }
  const dataDir = path.resolve(values.ORBIS_DATA_DIR);
  const database: Config['database'] = values.DATABASE_URL
    ? { kind: 'postgres', url: values.DATABASE_URL }
    : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') };
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    baseUrl: (values.ORBIS_BASE_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ''),
    database,
    dataDir,
    secret: values.ORBIS_SECRET ?? DEVELOPMENT_SECRET,
    keyEncryptionSecret: values.ORBIS_KEY_ENCRYPTION_SECRET ?? values.ORBIS_SECRET ?? DEVELOPMENT_SECRET,
    demo: values.ORBIS_DEMO ?? database.kind === 'pglite',
    smtpUrl: values.ORBIS_SMTP_URL ?? null,
    mailFrom: values.ORBIS_MAIL_FROM,
    logLevel: values.ORBIS_LOG_LEVEL,
    trustProxy: values.ORBIS_TRUST_PROXY,
    rateLimit: values.ORBIS_RATE_LIMIT,
    storage: readStorageConfig(values, dataDir),
    uploadMaxBytes: values.ORBIS_UPLOAD_MAX_BYTES,
    hotCacheTtlMs: (values.ORBIS_HOT_CACHE_SECONDS ?? DEFAULT_HOT_CACHE_SECONDS) * 1000,
  };
}

function readStorageConfig(values: EnvironmentValues, dataDir: string): StorageConfig {
  const bucket = values.ORBIS_S3_BUCKET;
  if (!bucket) {
    const stray = S3_DETAIL_VARIABLES.filter((name) => values[name] !== undefined);
    if (stray.length > 0) {
      throw new ConfigError(
        `Invalid configuration: ${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but ORBIS_S3_BUCKET is not; set ORBIS_S3_BUCKET to store media in S3, or remove them to store media on local disk`,
      );
    }
    return { kind: 'local', dir: path.join(dataDir, 'media') };
  }
  const accessKeyId = values.ORBIS_S3_ACCESS_KEY_ID ?? null;
  const secretAccessKey = values.ORBIS_S3_SECRET_ACCESS_KEY ?? null;
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    throw new ConfigError(
      'Invalid configuration: ORBIS_S3_ACCESS_KEY_ID and ORBIS_S3_SECRET_ACCESS_KEY must be set together (or both left out to use the default credential chain)',
    );
  }
  const endpoint = values.ORBIS_S3_ENDPOINT?.replace(/\/$/, '') ?? null;
  return {
    kind: 's3',
    bucket,
    endpoint,
    region: values.ORBIS_S3_REGION ?? 'us-east-1',
    accessKeyId,
    secretAccessKey,
    // Self-hosted servers (MinIO, Garage, Ceph) rarely have per-bucket DNS names.
    forcePathStyle: values.ORBIS_S3_FORCE_PATH_STYLE ?? endpoint !== null,
  };
}

const S3_DETAIL_VARIABLES = [
  'ORBIS_S3_ENDPOINT',
  'ORBIS_S3_REGION',
  'ORBIS_S3_ACCESS_KEY_ID',
  'ORBIS_S3_SECRET_ACCESS_KEY',
  'ORBIS_S3_FORCE_PATH_STYLE',
] as const;

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
