import type { T } from '../../messages/index.ts';

const UTC_DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' };

/** A moment in the reader's language, always in UTC and labelled so: nobody's clock is guessed. */
export function formatUtc(t: T, date: Date): string {
  return t.t('quiz.date.utc', { date: t.formatDate(date, UTC_DATE_TIME) });
}

/** The same moment without the label, for sentences that carry "(UTC)" themselves. */
export function formatUtcBare(t: T, date: Date): string {
  return t.formatDate(date, UTC_DATE_TIME);
}

export function formatScore(t: T, score: number, max: number): string {
  return t.t('quiz.score.value', {
    score: t.formatNumber(score),
    max: t.formatNumber(max),
    percent: t.formatNumber(max > 0 ? score / max : 0, { style: 'percent', maximumFractionDigits: 1 }),
  });
}
