import type { FastifyInstance } from 'fastify';
import { toAuthHeaders } from '../http.ts';

/** Mounts Better Auth's JSON endpoints (sign-up, sign-in, verification, reset…) at /api/auth. */
export async function authHandlerRoutes(app: FastifyInstance): Promise<void> {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      const url = new URL(request.url, app.platform.config.baseUrl);
      const hasBody = request.method !== 'GET' && request.body !== undefined;
      const headers = toAuthHeaders(request);
      if (hasBody) headers.set('content-type', 'application/json');
      const response = await app.platform.auth.handler(
        new Request(url, {
          method: request.method,
          headers,
          ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
        }),
      );
      reply.status(response.status);
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie' && name !== 'content-length') reply.header(name, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      reply.header('cache-control', 'no-store');
      return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : null);
    },
  });
}
