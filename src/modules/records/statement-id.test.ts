import { describe, expect, it } from 'vitest';
import { createStatementId } from './statement-id.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('statement ids', () => {
  it('are version 7 UUIDs that carry the time in their first 48 bits', () => {
    const at = new Date('2027-03-01T09:30:00.123Z');
    const id = createStatementId(at);
    expect(id).toMatch(V7);
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at.getTime());
  });

  it('differ within one millisecond and sort by time across milliseconds', () => {
    const at = new Date('2027-03-01T09:30:00.000Z');
    const same = Array.from({ length: 10_000 }, () => createStatementId(at));
    expect(new Set(same).size).toBe(same.length);
    const later = createStatementId(new Date(at.getTime() + 1));
    expect(same.every((id) => id < later)).toBe(true);
  });
});
