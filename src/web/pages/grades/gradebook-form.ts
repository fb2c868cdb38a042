import type { GradebookQuery } from '../../../modules/assessment/index.ts';
import { readField } from '../institutions/shared.ts';

/** The gradebook's filters as the page's GET form and links carry them. */
export type GradebookFilter = { q: string; status: '' | 'passed' | 'not_passed'; type: string; page: number };

function readText(source: unknown, name: string): string {
  if (!source || typeof source !== 'object') return '';
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Filters from the address. Unknown statuses and unreadable page numbers fall back to the default
 * (a hand-edited link still shows a gradebook); the text goes to the service, which explains a
 * text it cannot take with a 400.
 */
export function readFilter(query: unknown): GradebookFilter {
  const status = readText(query, 'status');
  const page = readText(query, 'page');
  return {
    q: readText(query, 'q'),
    status: status === 'passed' || status === 'not_passed' ? status : '',
    type: readText(query, 'type'),
    page: /^[1-9]\d{0,4}$/.test(page) ? Number(page) : 1,
  };
}

export function toGradebookQuery(filter: GradebookFilter): GradebookQuery {
  return {
    q: filter.q,
    page: filter.page,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.type ? { assignmentType: filter.type } : {}),
  };
}

/** `?q=…&status=…` for links and the form's way back; empty when nothing is set. */
export function filterQueryString(filter: GradebookFilter): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.status) params.set('status', filter.status);
  if (filter.type) params.set('type', filter.type);
  if (filter.page > 1) params.set('page', String(filter.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filters the override form came from (its `back` field), so the answer returns there. */
export function readBackFilter(body: unknown): GradebookFilter {
  const back = readField(body, 'back').slice(0, 1000);
  return readFilter(Object.fromEntries(new URLSearchParams(back.startsWith('?') ? back.slice(1) : back)));
}

/**
 * The override form: a percentage (comma or dot; empty clears the override) and a reason. A grade
 * that is not a number becomes NaN, which the service refuses like any value outside 0..100 %.
 */
export function readOverrideForm(body: unknown): { grade: number | null; gradeText: string; reason: string } {
  const gradeText = readField(body, 'grade').slice(0, 50);
  const reason = readField(body, 'reason').slice(0, 2000);
  if (gradeText === '') return { grade: null, gradeText, reason };
  const normalized = gradeText.replace(',', '.').replace(/\s*%$/u, '');
  const percent = /^\d{1,3}(\.\d+)?$/u.test(normalized) ? Number(normalized) : Number.NaN;
  return { grade: Number.isNaN(percent) ? Number.NaN : Math.round(percent * 1e4) / 1e6, gradeText, reason };
}
