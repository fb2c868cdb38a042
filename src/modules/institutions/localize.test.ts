import { describe, expect, it } from 'vitest';
import { localize } from './localize.ts';

describe('localize', () => {
  it('picks the reader’s language and falls back to English', () => {
    const name = { en: 'Tsinghua University', 'zh-Hans': '清华大学' };
    expect(localize(name, 'zh-Hans')).toBe('清华大学');
    expect(localize(name, 'ar')).toBe('Tsinghua University');
    expect(localize({ en: 'X', ar: '  ' }, 'ar')).toBe('X');
    expect(localize(null, 'en')).toBe('');
  });
});
