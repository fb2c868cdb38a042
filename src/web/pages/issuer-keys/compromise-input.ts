import type { MessageKey } from '../../messages/index.ts';

export const REASON_MAX = 500;

/** What the compromise form sent back, as typed, for re-rendering it. */
export type CompromiseValues = { reason: string; from: string };
export type CompromiseErrors = { reason?: MessageKey; from?: MessageKey };

export type CompromiseInput =
  | { ok: true; reason: string; from: Date | undefined }
  | { ok: false; values: CompromiseValues; errors: CompromiseErrors };

/** `YYYY-MM-DDTHH:mm`, seconds and milliseconds optional: what a datetime-local input sends. */
const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * A datetime-local value read as UTC (the form says so), or null when it is not a real moment:
 * the round trip refuses dates such as 30 February that Date.UTC would silently roll over.
 */
export function parseUtcDateTime(value: string): Date | null {
  const match = DATETIME_LOCAL.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second = '0', fraction = '0'] = match.slice(1);
  const parts = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(
    Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5], Number(fraction.padEnd(3, '0'))),
  );
  const roundTrip = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  return roundTrip.every((part, index) => part === parts[index]) ? date : null;
}

/** The value a datetime-local input takes for a moment, to the minute, in UTC. */
export function formatUtcDateTime(date: Date): string {
  return date.toISOString().slice(0, 16);
}

function readText(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Checks the form before the service does, so each problem lands on its own field. An empty
 * time means now, which the service fills in from its clock.
 */
export function readCompromiseInput(body: unknown, now: Date): CompromiseInput {
  const values = { reason: readText(body, 'reason'), from: readText(body, 'from').trim() };
  const reason = values.reason.trim();
  const errors: CompromiseErrors = {};
  if (reason.length === 0 || reason.length > REASON_MAX) errors.reason = 'issuerKeys.error.reason';
  let from: Date | undefined;
  if (values.from) {
    const parsed = parseUtcDateTime(values.from);
    if (!parsed) errors.from = 'issuerKeys.error.fromFormat';
    else if (parsed.getTime() > now.getTime()) errors.from = 'issuerKeys.error.fromFuture';
    else from = parsed;
  }
  if (errors.reason || errors.from) return { ok: false, values, errors };
  return { ok: true, reason, from };
}
