import { describe, expect, it } from 'vitest';
import { pickOwnEntry } from './http.ts';

describe('pickOwnEntry', () => {
  const notices: Record<string, string> = { saved: 'notice.saved' };

  it('finds the table’s own entries only', () => {
    expect(pickOwnEntry(notices, 'saved')).toBe('notice.saved');
    for (const word of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
      expect(pickOwnEntry(notices, word), word).toBeUndefined();
    }
  });

  it('ignores what is not a word', () => {
    expect(pickOwnEntry(notices, undefined)).toBeUndefined();
    expect(pickOwnEntry(notices, ['saved'])).toBeUndefined();
    expect(pickOwnEntry(notices, 1)).toBeUndefined();
  });
});
