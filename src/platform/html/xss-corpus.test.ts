import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import {
  XSS_FAMILIES,
  XSS_PAYLOADS,
  XSS_PLACEHOLDER,
  encodedVariants,
  markPayload,
} from '../../../test/support/xss-corpus.ts';
import { renderMarkdown, renderMarkdownInline } from './markdown.ts';

const INLINE_TAGS = ['a', 'code', 'em', 'strong', 'del', 's', 'br'];
const BLOCK_TAGS = [
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'pre', 'blockquote'],
  ...['table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'img'],
];

const ATTRIBUTES_BY_TAG: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'loading'],
  ol: ['start'],
  th: ['style'],
  td: ['style'],
  code: ['class'],
};

/** Attributes a browser never runs, so the placeholder showing up in them is only text. */
const INERT_ATTRIBUTES = new Set(['href', 'src', 'title', 'alt']);
const SAFE_PREFIXES = ['http:', 'https:', 'mailto:', '/', '#'];
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const PAGE_URL = 'https://forum.example/threads/1';
const BROWSER_MARKER = 'window.__xssHit';

/** Drops control characters and whitespace, which browsers skip around and inside a scheme. */
function stripIgnorable(value: string): string {
  return [...value]
    .filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return code > 0x20 && (code < 0x7f || code > 0x9f) && !/\s/.test(char);
    })
    .join('');
}

function findUnsafeUrl(value: string): string | undefined {
  const normalized = stripIgnorable(value.trim()).toLowerCase();
  const hasScheme = /^[a-z][a-z0-9+.-]*:/.test(normalized);
  if (hasScheme && !SAFE_PREFIXES.some((prefix) => normalized.startsWith(prefix))) return normalized;
  // The browser's own reading of the address decides what runs; one it cannot parse goes nowhere.
  if (!URL.canParse(value, PAGE_URL)) return undefined;
  const protocol = new URL(value, PAGE_URL).protocol;
  return SAFE_PROTOCOLS.has(protocol) ? undefined : protocol;
}

function checkAttribute(tag: string, name: string, value: string, id: string): string[] {
  const problems: string[] = [];
  if (name.startsWith('on')) problems.push(`event handler ${tag}[${name}]`);
  if (!(ATTRIBUTES_BY_TAG[tag] ?? []).includes(name)) problems.push(`attribute ${tag}[${name}]`);
  if (name === 'href' || name === 'src') {
    const unsafe = findUnsafeUrl(value);
    if (unsafe !== undefined) problems.push(`unsafe url ${tag}[${name}]=${JSON.stringify(value)}`);
  }
  if (name === 'style' && !/^text-align:\s*(left|right|center);?$/.test(value)) {
    problems.push(`style ${tag}[style]=${JSON.stringify(value)}`);
  }
  // Emphasis can eat the underscores of the placeholder, so the id is looked for as well.
  const carriesPayload = value.includes(XSS_PLACEHOLDER) || value.includes(id);
  if (carriesPayload && !INERT_ATTRIBUTES.has(name)) {
    problems.push(`payload in ${tag}[${name}]=${JSON.stringify(value)}`);
  }
  return problems;
}

/** Everything in the rendered HTML a browser could act on that the renderer promises not to emit. */
function findViolations(html: string, allowedTags: ReadonlySet<string>, id: string): string[] {
  const document = parseDocument(html);
  const problems: string[] = [];
  for (const node of DomUtils.filter(() => true, document.children, true)) {
    if (!DomUtils.isTag(node)) {
      if (!DomUtils.isText(node)) problems.push(`${node.type} node`);
      continue;
    }
    if (!allowedTags.has(node.name)) problems.push(`element <${node.name}>`);
    for (const [name, value] of Object.entries(node.attribs))
      problems.push(...checkAttribute(node.name, name, value, id));
  }
  return problems;
}

describe('XSS corpus', () => {
  it('holds at least 220 payloads, at least 15 per family, with unique ids', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(220);
    for (const family of XSS_FAMILIES) {
      expect(XSS_PAYLOADS.filter((payload) => payload.family === family).length).toBeGreaterThanOrEqual(15);
    }
    expect(new Set(XSS_PAYLOADS.map((payload) => payload.id)).size).toBe(XSS_PAYLOADS.length);
    expect(encodedVariants.length).toBeGreaterThan(0);
  });

  it.each(XSS_PAYLOADS)('$id calls the placeholder with its own id', ({ id, family, source }) => {
    expect(id).toMatch(new RegExp(`^${family}-[1-9][0-9]*$`));
    expect(source).toContain(XSS_PLACEHOLDER);
    expect(source).toMatch(new RegExp(`${id}(?![0-9])`));
    const marked = markPayload(source, BROWSER_MARKER);
    expect(marked).not.toContain(XSS_PLACEHOLDER);
    expect(marked).toContain(BROWSER_MARKER);
  });

  it('refuses a marker that is not a callable name', () => {
    expect(() => markPayload('x', 'alert(1)//')).toThrow();
  });
});

const RENDERERS = [
  { name: 'renderMarkdown', render: renderMarkdown, tags: new Set([...BLOCK_TAGS, ...INLINE_TAGS]) },
  { name: 'renderMarkdownInline', render: renderMarkdownInline, tags: new Set(INLINE_TAGS) },
];

describe.each(RENDERERS)('$name', ({ render, tags }) => {
  it.each(XSS_PAYLOADS)('neutralises $id', ({ id, source }) => {
    // The marked form is what a browser test renders; Markdown may read it differently.
    for (const text of [source, markPayload(source, BROWSER_MARKER)]) {
      expect(findViolations(render(text), tags, id)).toEqual([]);
    }
  });
});
