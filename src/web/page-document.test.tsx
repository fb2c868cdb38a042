import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../platform/i18n/index.ts';
import { getTranslator } from './messages/index.ts';
import { escapeHtml, renderPageDocument, type PageShell } from './page-document.tsx';
import { findNavSection, Layout } from './views/layout.tsx';

const HOSTILE = `Ada "the <b>bold</b>" & Co. \u0001name\u0001 ' > `;

/** The document as the layout component itself renders it, for comparison. */
function renderDirectly(shell: PageShell, body: string): string {
  return `<!doctype html>${renderToString(
    <Layout {...shell}>
      <div dangerouslySetInnerHTML={{ __html: body }} />
    </Layout>,
  )}`.replace(`<div>${body}</div>`, body);
}

function shellOf(overrides: Partial<PageShell>): PageShell {
  return {
    t: getTranslator('en'),
    viewerName: 'Amina Learner',
    title: 'Welcome · Orbis',
    description: 'The open platform',
    section: '/learn',
    returnPath: '/learn/course/run/units/unit-1',
    csrfToken: 'token-1',
    showDevLinks: true,
    ...overrides,
  };
}

describe('renderPageDocument', () => {
  const body = '<p class="x">Body &amp; text</p>';

  it('renders exactly what the layout renders, for every language and shape', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const shapes: Partial<PageShell>[] = [
        {},
        { viewerName: null, csrfToken: '' },
        { canonicalUrl: 'https://orbis.example/courses/a?b=1&c="2"' },
        { section: null, showDevLinks: false },
        { section: '/courses', returnPath: '/courses?q="<x>"&y=1' },
        { viewerName: HOSTILE, title: HOSTILE, description: HOSTILE, csrfToken: 'a"b<c&d' },
      ];
      for (const shape of shapes) {
        const shell = shellOf({ t: getTranslator(locale), ...shape });
        expect(renderPageDocument(shell, body)).toBe(renderDirectly(shell, body));
      }
    }
  });

  it('keeps one shape apart from another: values never leak between pages', () => {
    const first = renderPageDocument(shellOf({ viewerName: 'First Person', csrfToken: 'first-token' }), body);
    const second = renderPageDocument(shellOf({ viewerName: 'Second Person', csrfToken: 'second-token' }), body);
    expect(first).toContain('First Person');
    expect(second).toContain('Second Person');
    expect(second).not.toContain('First Person');
    expect(second).not.toContain('first-token');
    const visitor = renderPageDocument(shellOf({ viewerName: null, csrfToken: '' }), body);
    expect(visitor).not.toContain('Person');
    expect(visitor).not.toContain('/sign-out');
    expect(visitor).toContain('/sign-in');
  });

  it('escapes values as Preact does and leaves no slot marks behind', () => {
    expect(escapeHtml(`a"b&c<d>e'`)).toBe("a&quot;b&amp;c&lt;d>e'");
    const html = renderPageDocument(shellOf({ title: '<script>alert(1)</script>' }), body);
    expect(html).toContain('<title>&lt;script>alert(1)&lt;/script></title>');
    expect(html).not.toContain('\u0001title\u0001');
  });
});

describe('findNavSection', () => {
  it('names the part of the site a path belongs to', () => {
    expect(findNavSection('/courses?q=x')).toBe('/courses');
    expect(findNavSection('/institutions/tsinghua')).toBe('/institutions');
    expect(findNavSection('/learn/a/b')).toBe('/learn');
    expect(findNavSection('/studio')).toBe('/studio');
    expect(findNavSection('/')).toBeNull();
    expect(findNavSection('/account')).toBeNull();
  });
});
