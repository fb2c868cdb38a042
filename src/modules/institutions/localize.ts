import type { LocalizedText } from './schema.ts';

/** The text in the reader's language, else its base language, else English, else any text there is. */
export function localize(text: LocalizedText | null | undefined, locale: string): string {
  if (!text) return '';
  const base = locale.split('-')[0]!;
  const value = text[locale] ?? text[base] ?? text.en ?? Object.values(text)[0];
  return value?.trim() ? value : (text.en ?? '');
}
