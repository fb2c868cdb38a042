import { pino, type Logger, type LoggerOptions } from 'pino';

/** Paths whose values never reach a log line: credentials, cookies, tokens. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.apiToken',
  'password',
  'token',
  'secret',
];

export function createLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'orbis' },
  };
}

export function createLogger(level: string): Logger {
  return pino(createLoggerOptions(level));
}

export type { Logger };
