import type { T } from '../../messages/index.ts';

/** A grade or ratio 0..1 as a percentage in the reader's language, to one decimal at most. */
export function formatGrade(t: T, value: number): string {
  return t.formatNumber(value, { style: 'percent', maximumFractionDigits: 1 });
}

const segment = encodeURIComponent;

export function progressPath(courseKey: string, runCode: string): string {
  return `/learn/${segment(courseKey)}/${segment(runCode)}/progress`;
}

export function gradebookPath(courseKey: string, runCode: string, rest = ''): string {
  return `/studio/courses/${segment(courseKey)}/runs/${segment(runCode)}/gradebook${rest}`;
}
