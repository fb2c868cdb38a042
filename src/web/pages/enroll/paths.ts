import { courseKeySchema, runCodeSchema } from '../../../modules/courses/index.ts';
import { notFound } from '../../../platform/errors/index.ts';

export type RunParams = { Params: { key: string; code: string } };

/** Keys and codes in addresses are checked before any lookup; a malformed one names nothing. */
export function requireRunAddress(params: { key: string; code: string }): { key: string; code: string } {
  if (!courseKeySchema.safeParse(params.key).success) throw notFound('course');
  if (!runCodeSchema.safeParse(params.code).success) throw notFound('run');
  return params;
}

const encode = encodeURIComponent;

export const coursePath = (key: string) => `/courses/${encode(key)}`;
export const runPath = (key: string, code: string) => `${coursePath(key)}/runs/${encode(code)}`;
export const learnPath = (key: string, code: string) => `/learn/${encode(key)}/${encode(code)}`;
export const runAnchor = (code: string) => `run-${code}`;

/** The course page with a notice about one run, scrolled to that run. */
export function coursePathWithNotice(key: string, code: string, notice: EnrollNotice): string {
  return `${coursePath(key)}?enroll=${notice}&run=${encode(code)}#${encode(runAnchor(code))}`;
}

export const ENROLL_NOTICES = ['full', 'closed', 'not_open_yet', 'left'] as const;
export type EnrollNotice = (typeof ENROLL_NOTICES)[number];

export const studioRunPath = (key: string, code: string) => `/studio/courses/${encode(key)}/runs/${encode(code)}`;
export const learnersPath = (key: string, code: string) => `${studioRunPath(key, code)}/learners`;
