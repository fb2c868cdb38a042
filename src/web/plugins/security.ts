import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { registerUploads } from '../uploads.ts';
import { createRememberingSigner } from './cookie-signer.ts';
import { readSecurityHeaders } from './security-headers.ts';

/** Headers, cookies, form bodies, CSRF, rate limits and compression, in that order. */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  const { config } = app.platform;
  const production = config.env === 'production';
  const securityHeaders = readSecurityHeaders(production);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(cookie, { secret: createRememberingSigner(config.secret) });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await registerUploads(app);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: production ? '__Host-orbis-csrf' : 'orbis-csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: production },
  });
  // Without a CSRF cookie yet, every generateCsrf() call makes a new secret and only the last
  // cookie survives; one token per response keeps every form on a first-visit page valid.
  app.addHook('onRequest', (_request, reply, done) => {
    const generate = reply.generateCsrf.bind(reply);
    let token: string | undefined;
    reply.generateCsrf = (options) => (token ??= generate(options));
    done();
  });
  await app.register(rateLimit, {
    global: config.rateLimit,
    max: 300,
    timeWindow: '1 minute',
    allowList: (request) => request.url.startsWith('/assets/') || request.url.startsWith('/health/'),
  });
  // Shed load with 503 + Retry-After before the event loop drowns, rather than time out everyone.
  // The embedded database runs on the event loop itself, so its pauses are not overload: shed
  // only in front of a PostgreSQL server.
  if (config.database.kind === 'postgres' && config.env !== 'test') {
    await app.register(underPressure, {
      maxEventLoopDelay: 1000,
      retryAfter: 10,
      message: 'The server is under heavy load; please retry shortly.',
    });
  }
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
}
