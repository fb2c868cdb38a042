import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createLoggerOptions, redactUrl } from '../platform/log/index.ts';
import { prepareAssets } from './assets.ts';
import type { Platform } from './context.ts';
import { registerPageCache } from './page-cache.ts';
import { registerErrorHandling } from './plugins/errors.tsx';
import { registerRequestContext } from './plugins/request-context.ts';
import { registerSecurity } from './plugins/security.ts';
import { ROUTE_GROUPS } from './routes.ts';

export type RegisteredRoute = { method: string; url: string };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the application registered: the census that access tests must cover. */
    listRoutes(): RegisteredRoute[];
  }
}

export type BuildAppOptions = { platform: Platform; logger?: boolean };

/** Request log lines without query strings or path tokens (verification, reset and invitation links). */
function serializeRequest(request: { method: string; url: string; ip?: string }) {
  return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
}

/** Builds the HTTP application: external plugins, then our decorators, then routes. */
export async function buildApp({ platform, logger = true }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger
      ? { ...createLoggerOptions(platform.config.logLevel), serializers: { req: serializeRequest } }
      : false,
    genReqId: () => randomUUID(),
    trustProxy: platform.config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('platform', platform);
  const routes: RegisteredRoute[] = [];
  app.decorate('listRoutes', () => routes.slice());
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
  await prepareAssets();
  await registerSecurity(app);
  await registerRequestContext(app);
  registerErrorHandling(app);
  registerPageCache(app);
  for (const group of ROUTE_GROUPS) await app.register(group);
  return app;
}
