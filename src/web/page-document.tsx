import { renderToString } from 'preact-render-to-string';
import { Layout, type LayoutProps } from './views/layout.tsx';

/*
 * The page around the content (head, header, footer) has the same markup for every page of one
 * language, kind of viewer and section, apart from a few values: rendering it node by node on
 * every request was about a third of a signed-in page's rendering. It is rendered once per shape
 * with marked slots; each page fills them with its own values, escaped as Preact escapes them.
 */

/**
 * Everything the layout shows besides the content. A prop added to the layout arrives here and
 * must be passed in `renderTemplate`: as a slot, or as part of the shape's key.
 */
export type PageShell = Omit<LayoutProps, 'children'>;

const SLOT_NAMES = ['title', 'description', 'canonical', 'name', 'path', 'csrf', 'body'] as const;
type Slot = (typeof SLOT_NAMES)[number];
const SLOTS: ReadonlySet<string> = new Set(SLOT_NAMES);

// A control character no message, asset name or markup of the layout contains, and Preact
// leaves as it is.
const MARK = '\u0001';
const slot = (name: Slot) => `${MARK}${name}${MARK}`;

/** Literal markup around the slots: `literals[i]`, then `slots[i]`, …, then the last literal. */
type ShellTemplate = { literals: readonly string[]; slots: readonly Slot[] };

const templates = new Map<string, ShellTemplate>();

function readShapeKey(shell: PageShell): string {
  const { t, viewerName, canonicalUrl, section, csrfToken, showDevLinks } = shell;
  return [
    t.locale,
    viewerName === null ? 'visitor' : 'person',
    section ?? '',
    canonicalUrl ? 'canonical' : '',
    csrfToken === '' ? '' : 'form',
    showDevLinks ? 'dev' : '',
  ].join('|');
}

function parseTemplate(html: string): ShellTemplate {
  const parts = html.split(MARK);
  const literals: string[] = [];
  const slots: Slot[] = [];
  parts.forEach((part, index) => {
    if (index % 2 === 0) literals.push(part);
    else if (SLOTS.has(part)) slots.push(part as Slot);
    else throw new Error(`The page layout has an unknown slot "${part}"`);
  });
  if (literals.length !== slots.length + 1) throw new Error('The page layout has an unclosed slot');
  return { literals, slots };
}

function renderTemplate(shell: PageShell): ShellTemplate {
  const html = renderToString(
    <Layout
      t={shell.t}
      viewerName={shell.viewerName === null ? null : slot('name')}
      title={slot('title')}
      description={slot('description')}
      canonicalUrl={shell.canonicalUrl ? slot('canonical') : undefined}
      section={shell.section}
      returnPath={slot('path')}
      csrfToken={shell.csrfToken === '' ? '' : slot('csrf')}
      showDevLinks={shell.showDevLinks}
    >
      {slot('body')}
    </Layout>,
  );
  return parseTemplate(`<!doctype html>${html}`);
}

const ESCAPED = /["&<]/g;
const ENTITIES: Record<string, string> = { '"': '&quot;', '&': '&amp;', '<': '&lt;' };

/** Escapes text or a double-quoted attribute value, exactly as Preact's renderer does. */
export function escapeHtml(value: string): string {
  return value.replace(ESCAPED, (character) => ENTITIES[character]!);
}

function readSlot(shell: PageShell, name: Slot, body: string): string {
  switch (name) {
    case 'body':
      return body;
    case 'title':
      return escapeHtml(shell.title);
    case 'description':
      return escapeHtml(shell.description);
    case 'canonical':
      return escapeHtml(shell.canonicalUrl ?? '');
    case 'name':
      return escapeHtml(shell.viewerName ?? '');
    case 'path':
      return escapeHtml(shell.returnPath);
    case 'csrf':
      return escapeHtml(shell.csrfToken);
  }
}

/** A whole HTML document: the shell of the page's shape around `body`, already rendered markup. */
export function renderPageDocument(shell: PageShell, body: string): string {
  const key = readShapeKey(shell);
  let template = templates.get(key);
  if (!template) {
    template = renderTemplate(shell);
    templates.set(key, template);
  }
  let html = template.literals[0]!;
  for (let index = 0; index < template.slots.length; index += 1) {
    html += readSlot(shell, template.slots[index]!, body) + template.literals[index + 1]!;
  }
  return html;
}
