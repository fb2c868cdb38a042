import type { ComponentChildren } from 'preact';

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
// Sentence punctuation right after a link belongs to the sentence, not the address.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}»”’。，]+$/u;

/** Text with its web addresses turned into links; everything stays escaped text. */
export function linkify(text: string): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    if (start > last) parts.push(text.slice(last, start));
    parts.push(<a href={url}>{url}</a>);
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
