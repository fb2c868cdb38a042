import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readDirectoryVersion } from '../modules/institutions/index.ts';

/**
 * Anonymous pages are the same for every visitor with the same address and language (they carry
 * no form token), so a few seconds of caching serves bursts of readers without rendering each
 * time. Only anonymous GETs of the routes listed here are stored or served; a signed-in visitor
 * always gets a fresh page.
 */
const CACHEABLE_ROUTES = new Set(['/', '/institutions', '/institutions/:key', '/api/docs']);
const TTL_MS = 5_000;
const MAX_ENTRIES = 2_000;

type CachedPage = { html: string; expiresAt: number; headers: Record<string, string> };

const pages = new Map<string, CachedPage>();

function cacheKeyOf(request: FastifyRequest): string | null {
  if (request.method !== 'GET' || request.viewer || !CACHEABLE_ROUTES.has(request.routeOptions.url ?? '')) return null;
  // Pages show directory data: a change made in this process must show at once, not in 5 s.
  return `${readDirectoryVersion(request.server.platform.db)}|${request.locale}|${request.url}`;
}

export function rememberPage(request: FastifyRequest, html: string, headers: Record<string, string>): void {
  const key = cacheKeyOf(request);
  if (!key) return;
  if (pages.size >= MAX_ENTRIES) pages.delete(pages.keys().next().value!);
  pages.set(key, { html, headers, expiresAt: Date.now() + TTL_MS });
}

export function registerPageCache(app: FastifyInstance): void {
  app.addHook('preHandler', async (request, reply) => {
    const key = cacheKeyOf(request);
    const page = key ? pages.get(key) : undefined;
    if (!page) return;
    if (page.expiresAt <= Date.now()) {
      pages.delete(key!);
      return;
    }
    reply.headers(page.headers).header('x-orbis-cache', 'hit');
    return reply.send(page.html);
  });
}

/** Forgets every stored page; for tests and for writes that must show at once. */
export function clearPageCache(): void {
  pages.clear();
}
