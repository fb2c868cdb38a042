import type { ComponentChildren } from 'preact';
import { SUPPORTED_LOCALES } from '../../platform/i18n/index.ts';
import type { T } from '../messages/index.ts';
import { assetUrl } from '../assets.ts';
import { LANGUAGE_NAMES } from './forms.tsx';

const NAV_SECTIONS = ['/courses', '/institutions', '/learn', '/studio'] as const;

/** The part of the site a page belongs to, marked as current in the main navigation. */
export type NavSection = (typeof NAV_SECTIONS)[number] | null;

export function findNavSection(path: string): NavSection {
  return NAV_SECTIONS.find((section) => path.startsWith(section)) ?? null;
}

export type LayoutProps = {
  t: T;
  /** The signed-in person's name, or null for a visitor. */
  viewerName: string | null;
  title: string;
  description: string;
  canonicalUrl?: string | undefined;
  section: NavSection;
  /** Where the language switcher comes back to. */
  returnPath: string;
  csrfToken: string;
  showDevLinks: boolean;
  children: ComponentChildren;
};

export function Layout({
  t,
  viewerName,
  title,
  description,
  canonicalUrl,
  section,
  returnPath,
  csrfToken,
  showDevLinks,
  children,
}: LayoutProps) {
  const current = (candidate: NavSection) => (candidate === section ? 'page' : undefined);
  return (
    <html lang={t.locale} dir={t.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        {canonicalUrl && <link rel="canonical" href={canonicalUrl} />}
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <script type="module" src={assetUrl('islands.js')} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">
                ◎
              </span>{' '}
              {t.t('site.name')}
            </a>
            <nav aria-label={t.t('nav.main')} class="main-nav">
              <ul>
                <li>
                  <a href="/courses" aria-current={current('/courses')}>
                    {t.t('nav.courses')}
                  </a>
                </li>
                <li>
                  <a href="/institutions" aria-current={current('/institutions')}>
                    {t.t('nav.directory')}
                  </a>
                </li>
                {viewerName !== null && (
                  <li>
                    <a href="/learn" aria-current={current('/learn')}>
                      {t.t('nav.learning')}
                    </a>
                  </li>
                )}
                {viewerName !== null && (
                  <li>
                    <a href="/studio" aria-current={current('/studio')}>
                      {t.t('nav.studio')}
                    </a>
                  </li>
                )}
                <li>
                  <a href="/api/docs">{t.t('nav.api')}</a>
                </li>
                {showDevLinks && (
                  <li>
                    <a href="/dev/mail">{t.t('nav.mailbox')}</a>
                  </li>
                )}
              </ul>
            </nav>
            <AccountMenu t={t} name={viewerName} csrfToken={csrfToken} />
            <LanguageSwitcher t={t} path={returnPath} csrfToken={csrfToken} />
          </div>
        </header>
        <main id="main" class="container" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t.t('footer.about')}</p>
            <p>
              <a href="/verify">{t.t('footer.verify')}</a> · <a href="/api/docs">{t.t('footer.openapi')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function AccountMenu({ t, name, csrfToken }: { t: T; name: string | null; csrfToken: string }) {
  if (name === null) {
    return (
      <ul class="account-menu">
        <li>
          <a href="/sign-in">{t.t('nav.signIn')}</a>
        </li>
        <li>
          <a class="button button-small" href="/sign-up">
            {t.t('nav.signUp')}
          </a>
        </li>
      </ul>
    );
  }
  return (
    <ul class="account-menu" aria-label={t.t('nav.accountMenu', { name })}>
      <li>
        <a href="/account">{name}</a>
      </li>
      <li>
        <form method="post" action="/sign-out" class="inline-form">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <button type="submit" class="link-button">
            {t.t('nav.signOut')}
          </button>
        </form>
      </li>
    </ul>
  );
}

/**
 * Signed-in people change their account preference (a POST with a CSRF token); anonymous
 * visitors only set a cookie with a GET, so their pages carry no token and no Set-Cookie.
 */
function LanguageSwitcher({ t, path, csrfToken }: { t: T; path: string; csrfToken: string }) {
  const signedIn = csrfToken !== '';
  return (
    <form method={signedIn ? 'post' : 'get'} action="/locale" class="language-switcher" data-island="auto-submit">
      {signedIn && <input type="hidden" name="_csrf" value={csrfToken} />}
      <input type="hidden" name="next" value={path} />
      <label for="language-select">{t.t('language.label')}</label>
      <select id="language-select" name="locale">
        {SUPPORTED_LOCALES.map((locale) => (
          <option value={locale} lang={locale} selected={locale === t.locale}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
      <button type="submit" class="button-small" data-auto-submit-hide>
        {t.t('language.apply')}
      </button>
    </form>
  );
}
