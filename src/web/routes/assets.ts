import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getAsset } from '../assets.ts';

const paramsSchema = z.object({ name: z.string().regex(/^[a-z0-9-]+\.(css|js|svg)$/) });

/** Serves the pre-compressed bundles; hashed URLs let browsers keep them for a year. */
export async function assetRoutes(app: FastifyInstance): Promise<void> {
  app.get('/assets/:name', { compress: false, config: { rateLimit: false } }, async (request, reply) => {
    const parsed = paramsSchema.safeParse(request.params);
    const asset = parsed.success ? getAsset(parsed.data.name) : undefined;
    if (!asset) return reply.callNotFound();
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const versioned = typeof (request.query as Record<string, unknown>).v === 'string';
    reply
      .header('content-type', asset.contentType)
      .header('etag', `"${asset.hash}"`)
      .header('vary', 'Accept-Encoding')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    if (request.headers['if-none-match'] === `"${asset.hash}"`) return reply.status(304).send();
    if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(asset.brotli);
    if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });
}
