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
  '*.secretAccessKey',
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

/** Paths whose last segment is a secret token. */
const TOKEN_PATHS = /^(\/invitations\/|\/password\/reset\/|\/api\/auth\/reset-password\/)[^/?#]+/;

/**
 * Strips values that can grant access from a URL before it is logged: every query value
 * (verification and reset links carry tokens there) and tokens embedded in known paths.
 */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path.replace(TOKEN_PATHS, '$1[redacted]');
  if (query === undefined) return safePath;
  const names = query
    .split('&')
    .map((pair) => pair.split('=', 1)[0])
    .filter(Boolean);
  return `${safePath}?${names.map((name) => `${name}=[redacted]`).join('&')}`;
}
