import { mountAutoSubmit } from './auto-submit.ts';
import { mountCopyText } from './copy-text.ts';
import { mountMarkdownPreview } from './markdown-preview.ts';
import { mountQuizAutosave } from './quiz-autosave.ts';
import { mountReorder } from './reorder.ts';
import { mountVideoPlayer } from './video-player.ts';

/** The explicit list of islands: only what is named here can run on a page. */
export const islands: Record<string, (element: HTMLElement) => void> = {
  'auto-submit': mountAutoSubmit,
  'copy-text': mountCopyText,
  'markdown-preview': mountMarkdownPreview,
  'quiz-autosave': mountQuizAutosave,
  reorder: mountReorder,
  'video-player': mountVideoPlayer,
};
