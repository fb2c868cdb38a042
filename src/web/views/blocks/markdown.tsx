import { createHash } from 'node:crypto';
import { renderMarkdown } from '../../../platform/html/index.ts';

/*
 * Rendering and sanitising takes a millisecond or more per block, and a released block's text
 * never changes: the HTML is kept by the text it came from, so a unit read again and again is
 * rendered once. Long texts are keyed by their digest to keep the keys small.
 */
const RENDERED_LIMIT = 500;
const rendered = new Map<string, string>();

function keyOf(source: string): string {
  return source.length <= 2048 ? source : `sha256:${createHash('sha256').update(source).digest('base64')}`;
}

function renderCached(source: string): string {
  const key = keyOf(source);
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  const html = renderMarkdown(source);
  if (rendered.size >= RENDERED_LIMIT) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, html);
  return html;
}

/**
 * Markdown written by a course team. The only place blocks set inner HTML from what a team
 * wrote (elsewhere it is markup they rendered themselves): the string comes from
 * renderMarkdown, which escapes raw HTML and sanitises the result against an allow-list.
 */
export function MarkdownContent({ source, class: className }: { source: string; class?: string }) {
  if (!source.trim()) return null;
  return <div class={className ?? 'prose'} dangerouslySetInnerHTML={{ __html: renderCached(source) }} />;
}
