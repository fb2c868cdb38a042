import type { ComponentChildren } from 'preact';
import { SUPPORTED_LOCALES } from '../../platform/i18n/index.ts';
import type { T } from '../messages/index.ts';
import type { Viewer } from '../context.ts';
import { assetUrl } from '../assets.ts';
import { LANGUAGE_NAMES } from './forms.tsx';

export type LayoutProps = {
  t: T;
  viewer: Viewer | null;
  title: string;
  description?: string | undefined;
  canonicalUrl?: string | undefined;
  path: string;
  csrfToken: string;
  showDevLinks: boolean;
  children: ComponentChildren;
};

export function Layout({
  t,
  viewer,
  title,
  description,
  canonicalUrl,
  path,
  csrfToken,
  showDevLinks,
  children,
}: LayoutProps) {
  return (
    <html lang={t.locale} dir={t.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t.t('site.name')}`}</title>
        <meta name="description" content={description || t.t('site.tagline')} />
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
                  <a href="/courses" aria-current={path.startsWith('/courses') ? 'page' : undefined}>
                    {t.t('nav.courses')}
                  </a>
                </li>
                <li>
                  <a href="/institutions" aria-current={path.startsWith('/institutions') ? 'page' : undefined}>
                    {t.t('nav.directory')}
                  </a>
                </li>
                {viewer && (
                  <li>
                    <a href="/learn" aria-current={path.startsWith('/learn') ? 'page' : undefined}>
                      {t.t('nav.learning')}
                    </a>
                  </li>
                )}
                {viewer && (
                  <li>
                    <a href="/studio" aria-current={path.startsWith('/studio') ? 'page' : undefined}>
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
            <AccountMenu t={t} viewer={viewer} csrfToken={csrfToken} />
            <LanguageSwitcher t={t} path={path} csrfToken={csrfToken} />
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

function AccountMenu({ t, viewer, csrfToken }: { t: T; viewer: Viewer | null; csrfToken: string }) {
  if (!viewer) {
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
    <ul class="account-menu" aria-label={t.t('nav.accountMenu', { name: viewer.profile.name })}>
      <li>
        <a href="/account">{viewer.profile.name}</a>
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
