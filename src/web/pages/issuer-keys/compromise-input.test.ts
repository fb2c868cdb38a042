import { describe, expect, it } from 'vitest';
import { formatUtcDateTime, parseUtcDateTime, readCompromiseInput } from './compromise-input.ts';

const NOW = new Date('2026-05-04T10:00:30.000Z');

describe('reading a datetime-local value as UTC', () => {
  it('reads minutes, seconds and milliseconds as a UTC moment', () => {
    expect(parseUtcDateTime('2026-05-04T09:15')?.toISOString()).toBe('2026-05-04T09:15:00.000Z');
    expect(parseUtcDateTime('2026-05-04T09:15:07')?.toISOString()).toBe('2026-05-04T09:15:07.000Z');
    expect(parseUtcDateTime('2026-05-04T09:15:07.5')?.toISOString()).toBe('2026-05-04T09:15:07.500Z');
  });

  it('refuses days and times that do not exist and other shapes', () => {
    for (const value of [
      '2026-02-29T10:00',
      '2026-04-31T10:00',
      '2026-05-04T24:00',
      '2026-05-04',
      '04/05/2026 10:00',
      '2026-05-04T10:00Z',
      '',
    ])
      expect(parseUtcDateTime(value), value).toBeNull();
    expect(parseUtcDateTime('2024-02-29T10:00')?.toISOString()).toBe('2024-02-29T10:00:00.000Z');
  });

  it('writes a moment back as the input takes it, to the minute', () => {
    expect(formatUtcDateTime(NOW)).toBe('2026-05-04T10:00');
  });
});

describe('reading the compromise form', () => {
  it('takes a trimmed reason and no time as now', () => {
    expect(readCompromiseInput({ reason: '  Stolen laptop  ', from: ' ' }, NOW)).toEqual({
      ok: true,
      reason: 'Stolen laptop',
      from: undefined,
    });
  });

  it('accepts the current minute and a reason of exactly 500 characters', () => {
    const input = readCompromiseInput({ reason: 'x'.repeat(500), from: '2026-05-04T10:00' }, NOW);
    expect(input).toMatchObject({ ok: true, from: new Date('2026-05-04T10:00:00Z') });
  });

  it('names every problem at once and keeps what was typed', () => {
    expect(readCompromiseInput({ reason: '', from: '2026-05-04T10:01' }, NOW)).toEqual({
      ok: false,
      values: { reason: '', from: '2026-05-04T10:01' },
      errors: { reason: 'issuerKeys.error.reason', from: 'issuerKeys.error.fromFuture' },
    });
    expect(readCompromiseInput({ reason: 'y'.repeat(501), from: 'soon' }, NOW)).toMatchObject({
      ok: false,
      errors: { reason: 'issuerKeys.error.reason', from: 'issuerKeys.error.fromFormat' },
    });
  });

  it('treats a body that is not a form as empty', () => {
    expect(readCompromiseInput(null, NOW)).toMatchObject({ ok: false, errors: { reason: 'issuerKeys.error.reason' } });
    expect(readCompromiseInput({ reason: ['a', 'b'] }, NOW)).toMatchObject({ ok: false });
  });
});
