import { describe, expect, it } from 'vitest';
import { createTranslator, directionOf, negotiateLocale } from './index.ts';

describe('negotiateLocale', () => {
  it('honours quality values and falls back through the list', () => {
    expect(negotiateLocale('fr-FR, ar;q=0.9, en;q=0.8')).toBe('ar');
    expect(negotiateLocale('zh-CN,zh;q=0.9')).toBe('zh-Hans');
    expect(negotiateLocale('en;q=0.1, zh-Hans;q=0.5')).toBe('zh-Hans');
  });

  it('gives nothing for unsupported or traditional-script Chinese', () => {
    expect(negotiateLocale('fr, de')).toBeNull();
    expect(negotiateLocale('zh-TW')).toBeNull();
    expect(negotiateLocale(undefined)).toBeNull();
    expect(negotiateLocale('*')).toBeNull();
  });
});

describe('createTranslator', () => {
  const en = { greeting: 'Hello {name}', count: '{n, plural, one {# item} other {# items}}' };
  it('formats ICU messages and falls back to English text', () => {
    const ar = createTranslator('ar', { greeting: 'مرحبًا {name}' } as typeof en, en);
    expect(ar.t('greeting', { name: 'Amina' })).toBe('مرحبًا Amina');
    expect(ar.t('count', { n: 3 })).toContain('3');
    expect(ar.dir).toBe('rtl');
    expect(directionOf('zh-Hans')).toBe('ltr');
  });

  it('gives each set of values its own text when formatted messages are remembered', () => {
    const messages = { ...en, pair: '{a}{b}', when: 'On {day, date, ::yyyyMMdd}' };
    const t = createTranslator('en', messages, messages).t;
    expect(t('count', { n: 1 })).toBe('1 item');
    expect(t('count', { n: 2 })).toBe('2 items');
    expect(t('count', { n: 1 })).toBe('1 item');
    expect(t('greeting', { name: 'Amina' })).toBe('Hello Amina');
    expect(t('greeting', { name: 'Wei' })).toBe('Hello Wei');
    // Values that would run together in a naive key stay apart.
    expect(t('pair', { a: 'x', b: 'yz' })).toBe('xyz');
    expect(t('pair', { a: 'xy', b: 'z' })).toBe('xyz');
    expect(t('pair', { a: '1|1:b', b: '' })).toBe('1|1:b');
    expect(t('pair', { a: '1', b: '|1:b' })).toBe('1|1:b');
    // Dates are formatted every time, never remembered by their text.
    expect(t('when', { day: new Date('2026-03-04T00:00:00Z') })).toContain('2026');
    expect(t('when', { day: new Date('2027-03-04T00:00:00Z') })).toContain('2027');
  });

  it('names countries in the reader’s language', () => {
    expect(createTranslator('en', en, en).countryName('KE')).toBe('Kenya');
    expect(createTranslator('zh-Hans', en, en).countryName('CN')).toBe('中国');
  });
});

describe('countries', () => {
  it('places every ISO code in exactly one world region', async () => {
    const { COUNTRY_CODES, regionOfCountry, WORLD_REGIONS, countriesInRegion } = await import('./countries.ts');
    const all = WORLD_REGIONS.flatMap((region) => countriesInRegion(region));
    expect(new Set(all).size).toBe(all.length);
    expect(COUNTRY_CODES.length).toBeGreaterThanOrEqual(249);
    expect(regionOfCountry('KE')).toBe('africa');
    expect(regionOfCountry('CL')).toBe('americas');
    expect(regionOfCountry('MN')).toBe('asia');
    expect(regionOfCountry('RU')).toBe('europe');
    expect(regionOfCountry('NZ')).toBe('oceania');
  });
});
