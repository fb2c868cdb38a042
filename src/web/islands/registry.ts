import { mountAutoSubmit } from './auto-submit.ts';
import { mountCopyText } from './copy-text.ts';
import { mountMarkdownPreview } from './markdown-preview.ts';
import { mountReorder } from './reorder.ts';

/** The explicit list of islands: only what is named here can run on a page. */
export const islands: Record<string, (element: HTMLElement) => void> = {
  'auto-submit': mountAutoSubmit,
  'copy-text': mountCopyText,
  'markdown-preview': mountMarkdownPreview,
  reorder: mountReorder,
};
