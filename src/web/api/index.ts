import type { FastifyInstance } from 'fastify';
import { docsRoutes } from './docs.tsx';
import { registerApiGuards } from './guards.ts';
import { courseApiRoutes } from './courses/index.ts';
import { institutionRoutes } from './institutions.ts';
import { learningApiRoutes } from './learning/index.ts';
import { credentialApiRoutes } from './credentials/index.ts';
import { packageApiRoutes } from './packages/index.ts';
import { discussionApiRoutes } from './discussions/index.ts';
import { meRoutes } from './me.ts';
import { readOpenApiDocument, registerOpenApi } from './openapi.ts';

/** The JSON API under /api/v1, its OpenAPI document and its reference page. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  // Swagger first: it learns about routes as they are added to this context.
  await registerOpenApi(app);
  registerApiGuards(app);
  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(readOpenApiDocument(app)),
  );
  await app.register(meRoutes);
  await app.register(institutionRoutes);
  await app.register(courseApiRoutes);
  await app.register(packageApiRoutes);
  await app.register(learningApiRoutes);
  await app.register(credentialApiRoutes);
  await app.register(discussionApiRoutes);
  await app.register(docsRoutes);
}
