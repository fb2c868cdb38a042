import { describe, expect, it } from 'vitest';
import { isAllowedImageSource, markdownToPlainText, renderMarkdown, renderMarkdownInline } from './index.ts';

/** Inputs that try to run script, load from odd schemes or break out of an attribute. */
const XSS_CORPUS = [
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1))',
  '[click](javascript&colon;alert(1))',
  '[click](%6Aavascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](file:///etc/passwd)',
  '<javascript:alert(1)>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](http://tracker.example/p.gif)',
  '![x](/media/../admin/delete)',
  '![x](//evil.example/a.png)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<style>body{display:none}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[x](https://example.org" onmouseover="alert(1))',
  '[x](https://example.org "title\\" onmouseover=\\"alert(1)")',
  '![x" onerror="alert(1)](https://example.org/a.png)',
  '![x](https://example.org/a.png "t\\" onerror=\\"alert(1)")',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
  '> <b onclick=alert(1)>quote</b>',
  'https://example.org/<script>alert(1)</script>',
  '[x](https://example.org/?q=<script>alert(1)</script>)',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<!-- --><script>alert(1)</script> -->',
  '<form action="https://evil.example"><input name=x></form>',
];

/** Real tags in the output; escaped text (`&lt;…`) is harmless and not a tag. */
function tagsOf(html: string): string[] {
  return html.match(/<[a-z][^>]*>/gi) ?? [];
}

const ALLOWED_TAGS = new Set(
  'h1 h2 h3 h4 h5 h6 p ul ol li pre code blockquote table thead tbody tr th td a img em strong del s hr br'.split(' '),
);

const ALLOWED_ATTRIBUTES = new Set(['href', 'rel', 'title', 'src', 'alt', 'loading', 'start', 'style', 'class']);

function attributesOf(tag: string): { name: string; value: string }[] {
  const attributes = [...tag.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)].map((match) => ({
    name: (match[1] ?? '').toLowerCase(),
    value: (match[2] ?? '').replaceAll('&amp;', '&').replaceAll('&quot;', '"'),
  }));
  // Everything between the tag name and its end must be accounted for by well-formed attributes.
  const rebuilt = tag.replace(/^<[a-z0-9]+/i, '').replace(/\s([^\s=/>]+)(?:="[^"]*")?/g, '');
  expect(rebuilt).toMatch(/^\s*\/?>$/);
  return attributes;
}

/** How a browser would resolve a link or image address on one of our pages. */
function schemeOf(address: string): string {
  return new URL(address, 'https://orbis.example/courses/x').protocol;
}

function expectHarmlessTag(tag: string): void {
  const name = /^<([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase();
  expect(ALLOWED_TAGS).toContain(name);
  for (const { name: attribute, value } of attributesOf(tag)) {
    expect(ALLOWED_ATTRIBUTES).toContain(attribute);
    if (attribute === 'href') expect(['http:', 'https:', 'mailto:']).toContain(schemeOf(value));
    if (attribute === 'src') {
      expect(schemeOf(value)).toBe('https:');
      expect(value.startsWith('https://') || value.startsWith('/media/')).toBe(true);
    }
    if (attribute === 'style') expect(value).toMatch(/^text-align:(left|right|center)$/);
    if (attribute === 'class') expect(value).toMatch(/^language-[A-Za-z0-9_-]+$/);
  }
}

describe('renderMarkdown', () => {
  it('renders the allowed elements', () => {
    const html = renderMarkdown(
      [
        '## Week 1',
        '',
        'Read *this* and **that**, ~~not this~~, `code`.',
        '',
        '- one',
        '- two',
        '',
        '3. three',
        '',
        '> quoted',
        '',
        '| a | b |',
        '|:--|--:|',
        '| 1 | 2 |',
        '',
        '---',
        '',
        '```python',
        'print(1 < 2)',
        '```',
      ].join('\n'),
    );
    expect(html).toContain('<h2>Week 1</h2>');
    expect(html).toContain('<em>this</em> and <strong>that</strong>, <s>not this</s>, <code>code</code>');
    expect(html).toContain('<ul>\n<li>one</li>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<th style="text-align:left">a</th>');
    expect(html).toContain('<td style="text-align:right">2</td>');
    expect(html).toContain('<hr />');
    expect(html).toContain('<pre><code class="language-python">print(1 &lt; 2)');
  });

  it('marks every link as user content and linkifies bare addresses', () => {
    expect(renderMarkdown('See https://example.org/a?b=1&c=2 or [mail](mailto:team@example.org)')).toBe(
      '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a> or <a href="mailto:team@example.org" rel="nofollow ugc noopener">mail</a></p>\n',
    );
    expect(renderMarkdown('[c](/courses/intro)')).toContain('href="/courses/intro" rel="nofollow ugc noopener"');
  });

  it('keeps images from https and our own media paths only', () => {
    expect(renderMarkdown('![Map](https://example.org/map.png)')).toBe(
      '<p><img src="https://example.org/map.png" alt="Map" loading="lazy" /></p>\n',
    );
    expect(renderMarkdown('![Slide](/media/courses/c1/slide.webp)')).toContain(
      '<img src="/media/courses/c1/slide.webp" alt="Slide" loading="lazy" />',
    );
    expect(renderMarkdown('![x](http://example.org/a.png)')).not.toContain('<img');
    expect(renderMarkdown('![x](/uploads/a.png)')).not.toContain('<img');
  });

  it.each(XSS_CORPUS)('lets nothing dangerous through: %j', (attack) => {
    for (const html of [renderMarkdown(attack), renderMarkdownInline(attack)]) {
      for (const tag of tagsOf(html)) expectHarmlessTag(tag);
      expect(html).not.toMatch(/<(script|svg|iframe|style|form|math)/i);
    }
  });

  it('shows raw HTML as text instead of dropping what people typed', () => {
    expect(renderMarkdown('a <b>bold</b> claim')).toBe('<p>a &lt;b&gt;bold&lt;/b&gt; claim</p>\n');
  });
});

describe('renderMarkdownInline', () => {
  it('keeps inline formatting and drops block structure', () => {
    expect(renderMarkdownInline('**Intro** to `R` and [more](https://example.org)')).toBe(
      '<strong>Intro</strong> to <code>R</code> and <a href="https://example.org" rel="nofollow ugc noopener">more</a>',
    );
    const html = renderMarkdownInline('# Title\n\n- item\n\n![x](https://example.org/a.png)');
    expect(html).not.toMatch(/<(h1|ul|li|p|img)\b/);
  });
});

describe('markdownToPlainText', () => {
  it('keeps the words and drops the markup and URLs', () => {
    const text = markdownToPlainText(
      '# Data science\n\nLearn *R* with [our guide](https://example.org/guide) and ![a chart](/media/c.png).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx <- 1\n```',
    );
    expect(text).toBe('Data science\nLearn R with our guide and a chart.\none\ntwo\na b\n1 2\nx <- 1');
  });

  it('decodes entities and leaves HTML as the text it was', () => {
    expect(markdownToPlainText('Fish &amp; chips <script>x</script>')).toBe('Fish & chips <script>x</script>');
  });

  it('cuts long text at a word boundary', () => {
    const text = markdownToPlainText('alpha beta gamma delta epsilon zeta eta theta', { maxLength: 20 });
    expect(text).toBe('alpha beta gamma…');
    expect(text.length).toBeLessThanOrEqual(20);
    expect(markdownToPlainText('short', { maxLength: 20 })).toBe('short');
  });
});

describe('isAllowedImageSource', () => {
  it.each([
    ['https://example.org/a.png', true],
    ['/media/a/b.png', true],
    ['/media/a/../b.png', false],
    ['/media/', false],
    ['http://example.org/a.png', false],
    ['//example.org/a.png', false],
    ['data:image/png;base64,AAAA', false],
    ['javascript:alert(1)', false],
    [undefined, false],
  ])('%j → %s', (source, allowed) => {
    expect(isAllowedImageSource(source)).toBe(allowed);
  });
});
