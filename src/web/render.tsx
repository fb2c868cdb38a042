import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { rememberPage } from './page-cache.ts';
import { renderPageDocument } from './page-document.tsx';
import { findNavSection } from './views/layout.tsx';

export type PageOptions = {
  title: string;
  status?: number;
  body: ComponentChildren;
  /** The meta description; the site's tagline when absent. */
  description?: string;
  canonicalUrl?: string;
};

/** Renders a full page in the viewer's language; pages never cache when someone is signed in. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: PageOptions): FastifyReply {
  const path = safePath(request.url);
  const { t } = request;
  const document = renderPageDocument(
    {
      t,
      viewerName: request.viewer ? request.viewer.profile.name : null,
      title: `${page.title} · ${t.t('site.name')}`,
      description: page.description || t.t('site.tagline'),
      canonicalUrl: page.canonicalUrl,
      section: findNavSection(path),
      returnPath: path,
      csrfToken: request.viewer ? reply.generateCsrf() : '',
      showDevLinks: request.server.platform.config.env !== 'production',
    },
    renderToString(<>{page.body}</>),
  );
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': request.viewer ? 'no-store' : 'private, no-cache',
    'content-language': request.locale,
    vary: 'Cookie, Accept-Language',
  };
  if ((page.status ?? 200) === 200) rememberPage(request, document, headers);
  return reply
    .status(page.status ?? 200)
    .headers(headers)
    .send(document);
}

/** Only same-site paths are ever echoed back as "return here" targets. */
export function safePath(url: string | undefined): string {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return '/';
  return url.slice(0, 512);
}

/** Redirect after POST, with 303 so browsers follow with GET. */
export function redirectTo(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(safePath(location), 303);
}
