import { mountAutoSubmit } from './auto-submit.ts';
import { mountCopyText } from './copy-text.ts';

/** The explicit list of islands: only what is named here can run on a page. */
export const islands: Record<string, (element: HTMLElement) => void> = {
  'auto-submit': mountAutoSubmit,
  'copy-text': mountCopyText,
};
