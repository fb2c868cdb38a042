import { renderMarkdown } from '../../../platform/html/index.ts';

/**
 * Markdown written by a course team. The only place blocks set inner HTML: the string comes
 * from renderMarkdown, which escapes raw HTML and sanitises the result against an allow-list.
 */
export function MarkdownContent({ source, class: className }: { source: string; class?: string }) {
  if (!source.trim()) return null;
  return <div class={className ?? 'prose'} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}
