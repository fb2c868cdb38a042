import zlib from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registerCourseChangeListener } from '../modules/courses/index.ts';
import { readDirectoryVersion } from '../modules/institutions/index.ts';

/**
 * Anonymous pages are the same for every visitor with the same address and language (they carry
 * no form token), so a few seconds of caching serves bursts of readers without rendering each
 * time. Only anonymous GETs of the routes listed here are stored or served; a signed-in visitor
 * always gets a fresh page.
 */
const CACHEABLE_ROUTES = new Set([
  '/',
  '/institutions',
  '/institutions/:key',
  '/courses',
  '/courses/:key',
  '/api/docs',
]);
const TTL_MS = 5_000;
const MAX_ENTRIES = 2_000;

type CachedPage = {
  html: string;
  expiresAt: number;
  headers: Record<string, string>;
  /** Compressed once on first demand, then reused by every later hit. */
  encoded: { br?: Buffer; gzip?: Buffer };
};

function encodePage(page: CachedPage, encoding: 'br' | 'gzip'): Buffer {
  const cached = page.encoded[encoding];
  if (cached) return cached;
  const body = Buffer.from(page.html);
  const encoded =
    encoding === 'br'
      ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
      : zlib.gzipSync(body, { level: 9 });
  page.encoded[encoding] = encoded;
  return encoded;
}

function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  if (/\bbr\b/.test(acceptEncoding)) return 'br';
  return /\bgzip\b/.test(acceptEncoding) ? 'gzip' : null;
}

const pages = new Map<string, CachedPage>();

/*
 * Course pages, the catalog and institution profiles show published courses. A publish, a run
 * change or an owner change in this process moves this version on, so its pages are not served
 * stale here; other processes wait out the TTL. The listener runs inside the writing transaction,
 * before it commits: a page rendered in that gap can stay until the TTL ends.
 */
let publishedCoursesVersion = 0;

function cacheKeyOf(request: FastifyRequest): string | null {
  if (request.method !== 'GET' || request.viewer || !CACHEABLE_ROUTES.has(request.routeOptions.url ?? '')) return null;
  // Pages show directory and course data: a change made in this process must show at once, not in 5 s.
  const version = `${readDirectoryVersion(request.server.platform.db)}.${publishedCoursesVersion}`;
  return `${version}|${request.locale}|${request.url}`;
}

export function rememberPage(request: FastifyRequest, html: string, headers: Record<string, string>): void {
  const key = cacheKeyOf(request);
  if (!key) return;
  if (pages.size >= MAX_ENTRIES) pages.delete(pages.keys().next().value!);
  pages.set(key, { html, headers, expiresAt: Date.now() + TTL_MS, encoded: {} });
}

export function registerPageCache(app: FastifyInstance): void {
  const unregister = registerCourseChangeListener(async () => {
    publishedCoursesVersion += 1;
  });
  app.addHook('onClose', async () => unregister());
  // A callback hook, not an async one: every request passes here, and most (signed in, or not a
  // cached route) leave at once without a promise.
  app.addHook('preHandler', (request, reply, done) => {
    const key = cacheKeyOf(request);
    const page = key ? pages.get(key) : undefined;
    if (!page) return done();
    if (page.expiresAt <= Date.now()) {
      pages.delete(key!);
      return done();
    }
    reply.headers(page.headers).header('x-orbis-cache', 'hit');
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) return reply.send(page.html);
    // A set Content-Encoding tells the compression plugin the body is already compressed.
    return reply.header('content-encoding', encoding).send(encodePage(page, encoding));
  });
}

/** Forgets every stored page; for tests and for writes that must show at once. */
export function clearPageCache(): void {
  pages.clear();
}
