import type { FastifyInstance } from 'fastify';

/** Liveness says the process answers; readiness says it can serve (database up, schema current). */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health/live', { config: { rateLimit: false } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  app.get('/health/ready', { config: { rateLimit: false } }, async (_request, reply) => {
    const checks = await app.platform.readiness();
    const ready = checks.database && checks.migrations;
    return reply
      .status(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ok' : 'unavailable', checks });
  });
}
