import { describe, expect, it } from 'vitest';
import { serializeJsonLd, toIsoHours } from './json-ld.ts';

describe('serializeJsonLd', () => {
  it('writes markup characters and line separators as JSON escapes that parse back', () => {
    const value = { name: '</script><!-- a & b > c \u2028\u2029' };
    const text = serializeJsonLd(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('toIsoHours', () => {
  it('gives ISO 8601 durations in hours', () => {
    expect(toIsoHours(18)).toBe('PT18H');
    expect(toIsoHours(4.5)).toBe('PT4.5H');
  });
});
