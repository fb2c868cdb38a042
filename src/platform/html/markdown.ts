import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown as people write it in course descriptions and lessons. Raw HTML is escaped, not
 * passed through (`html: false`); bare URLs become links. The output is still sanitised: the
 * parser's own link checks are one layer, the allow-list below is the one we rely on.
 */
const markdown = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false });

const LINK_REL = 'nofollow ugc noopener';
const SAFE_MEDIA_PATH = /^\/media\/[A-Za-z0-9._~%/-]+$/;

const BLOCK_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'ul',
  'ol',
  'li',
  'pre',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'img',
];
const INLINE_TAGS = ['a', 'code', 'em', 'strong', 'del', 's', 'br'];

/** Image sources we show: https anywhere, or our own `/media/` paths (no traversal, no query). */
export function isAllowedImageSource(source: string | undefined): boolean {
  if (!source) return false;
  if (SAFE_MEDIA_PATH.test(source)) return !source.split('/').some((part) => part === '..' || part === '.');
  try {
    return new URL(source).protocol === 'https:' && source.toLowerCase().startsWith('https://');
  } catch {
    return false;
  }
}

function sanitize(html: string, allowBlocks: boolean): string {
  return sanitizeHtml(html, {
    allowedTags: allowBlocks ? [...BLOCK_TAGS, ...INLINE_TAGS] : INLINE_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'loading'],
      ol: ['start'],
      th: ['style'],
      td: ['style'],
      code: ['class'],
    },
    // A fence's info string is free text; only a plain language name may become a class.
    allowedClasses: { code: [/^language-[A-Za-z0-9_+-]{1,40}$/] },
    allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
    },
    // An image whose source is not allowed disappears rather than becoming a broken <img>.
    exclusiveFilter: (frame) => frame.tag === 'img' && !isAllowedImageSource(frame.attribs.src),
  });
}

/** Markdown to safe HTML for a block of content (paragraphs, lists, tables, code, images). */
export function renderMarkdown(source: string): string {
  return sanitize(markdown.render(source), true);
}

/** Markdown to safe HTML with inline elements only (emphasis, code, links), for titles and one-liners. */
export function renderMarkdownInline(source: string): string {
  return sanitize(markdown.renderInline(source.replace(/\s*\n\s*/g, ' ')), false);
}

const BLOCK_ENDS = new Set([
  'paragraph_close',
  'heading_close',
  'list_item_close',
  'blockquote_close',
  'tr_close',
  'th_close',
  'td_close',
]);

/**
 * The words of a Markdown text without markup, for search documents and meta descriptions.
 * Link targets and image URLs are dropped; link texts and image descriptions are kept. With
 * `maxLength` the text is cut at a word boundary and ends in "…".
 */
export function markdownToPlainText(source: string, options: { maxLength?: number } = {}): string {
  const parts: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type === 'text' || child.type === 'code_inline') parts.push(child.content);
        else if (child.type === 'image') parts.push(child.children?.map((part) => part.content).join('') ?? '');
        else if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push(' ');
      }
    } else if (token.type === 'fence' || token.type === 'code_block') {
      parts.push(token.content, '\n');
    } else if (BLOCK_ENDS.has(token.type)) {
      parts.push(token.type === 'th_close' || token.type === 'td_close' ? ' ' : '\n');
    }
  }
  const text = parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
  return options.maxLength === undefined ? text : truncateAtWord(text, options.maxLength);
}

function truncateAtWord(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, Math.max(0, maxLength - 1));
  const boundary = cut.lastIndexOf(' ');
  return `${(boundary > maxLength / 2 ? cut.slice(0, boundary) : cut).trimEnd()}…`;
}
