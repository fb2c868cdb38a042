import { IntlMessageFormat } from 'intl-messageformat';

export const SUPPORTED_LOCALES = ['en', 'zh-Hans', 'ar'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

const RTL_LOCALES: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur']);

export function isSupportedLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return RTL_LOCALES.has(locale.split('-')[0]!) ? 'rtl' : 'ltr';
}

/** Maps any BCP 47 tag to the closest supported locale, or null. */
export function matchLocale(tag: string): Locale | null {
  const normalized = tag.trim().toLowerCase();
  if (!normalized) return null;
  const exact = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === normalized);
  if (exact) return exact;
  const [language, ...rest] = normalized.split('-');
  if (language === 'zh') {
    // Traditional-script tags fall back to English until zh-Hant exists.
    const traditional = rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part));
    return traditional ? null : 'zh-Hans';
  }
  return SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === language) ?? null;
}

/** Picks the best locale from an Accept-Language header, honouring q-values. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .slice(0, 512)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0 && entry.tag !== '*')
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    const match = matchLocale(entry.tag);
    if (match) return match;
  }
  return null;
}

export type MessageCatalog = Record<string, string>;
export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;

export type Translator<Key extends string = string> = {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t(key: Key, values?: MessageValues): string;
  formatDate(value: Date | string | number, options?: Intl.DateTimeFormatOptions): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  countryName(code: string): string;
  languageName(code: string): string;
};

/**
 * Messages are compiled once per locale and key; plain text without ICU syntax is returned as it
 * is. Pages call t() dozens of times, so this sits on every request's path.
 */
export function createTranslator<Key extends string>(
  locale: Locale,
  messages: Record<Key, string>,
  fallback: Record<Key, string>,
): Translator<Key> {
  const compiled = new Map<Key, IntlMessageFormat | string>();
  const compile = (key: Key): IntlMessageFormat | string => {
    const text = messages[key] ?? fallback[key] ?? key;
    const plain = !/[{}'<]/.test(text);
    try {
      return plain ? text : new IntlMessageFormat(text, locale);
    } catch {
      return text;
    }
  };
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const languages = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
  // Lists name the same few countries and languages on every row; ICU lookups are not free.
  const regionNames = new Map<string, string>();
  const languageNames = new Map<string, string>();
  // The same labels ("Unit 3 of 8", "Section 2") recur on every view; formatting is the dear part.
  const formatted = new Map<string, string>();
  return {
    locale,
    dir: directionOf(locale),
    t: (key, values) => {
      let message = compiled.get(key);
      if (message === undefined) {
        message = compile(key);
        compiled.set(key, message);
      }
      if (typeof message === 'string') return message;
      const memoKey = memoKeyOf(key, values);
      if (memoKey === null) return String(message.format(values as Record<string, string>));
      let text = formatted.get(memoKey);
      if (text === undefined) {
        text = String(message.format(values as Record<string, string>));
        if (formatted.size >= MAX_FORMATTED) formatted.clear();
        formatted.set(memoKey, text);
      }
      return text;
    },
    formatDate: (value, options) => dateFormat(locale, options ?? DEFAULT_DATE).format(new Date(value)),
    formatNumber: (value, options) => numberFormat(locale, options).format(value),
    countryName: (code) => rememberName(regionNames, regions, code),
    languageName: (code) => rememberName(languageNames, languages, code),
  };
}

const MAX_FORMATTED = 2_000;

/** A key for remembering a formatted message; null when a value (a date) has no plain text form. */
function memoKeyOf(key: string, values: MessageValues | undefined): string | null {
  let memoKey = `${key.length}:${key}`;
  for (const name in values) {
    const value = values[name];
    if (typeof value === 'object' && value !== null) return null;
    const text = String(value);
    // Lengths make the key unambiguous whatever characters a value holds.
    memoKey += `|${name.length}:${name}${typeof value}${text.length}:${text}`;
  }
  return memoKey;
}

const DEFAULT_DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Building an Intl.NumberFormat costs far more than using one; pages format many numbers. */
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions | undefined): Intl.NumberFormat {
  const key = `${locale}|${options ? JSON.stringify(options) : ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

const REMEMBERED_NAMES = 1000;

function rememberName(memory: Map<string, string>, names: Intl.DisplayNames, code: string): string {
  let name = memory.get(code);
  if (name === undefined) {
    name = safeDisplayName(names, code);
    // Codes come from stored data; a bound keeps odd ones from growing the map for ever.
    if (memory.size < REMEMBERED_NAMES) memory.set(code, name);
  }
  return name;
}

function safeDisplayName(names: Intl.DisplayNames, code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
export {
  COUNTRY_CODES,
  WORLD_REGIONS,
  countriesInRegion,
  isCountryCode,
  regionOfCountry,
  type WorldRegion,
} from './countries.ts';
