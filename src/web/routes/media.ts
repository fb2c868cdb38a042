import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getMediaForDownload } from '../../modules/courses/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { sendStoredObject } from '../media-response.ts';

const paramsSchema = z.object({ uuid: z.uuid(), filename: z.string().max(300).optional() });
const querySchema = z.object({ download: z.enum(['1']).optional() });

/**
 * Course media: images, videos, captions and documents. Files used by a release are public and
 * cached; drafts' files are served to the course's staff only and never cached by shared caches.
 * Range requests let video players seek without downloading the whole file.
 */
export async function mediaRoutes(app: FastifyInstance): Promise<void> {
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const params = paramsSchema.safeParse(request.params);
    const query = querySchema.safeParse(request.query);
    if (!params.success || !query.success) throw notFound('file');
    const { db, clock, storage } = app.platform;
    const { asset, isPublic } = await getMediaForDownload(
      { db, clock, actor: request.viewer?.actor ?? null },
      params.data.uuid,
    );
    const inline = !query.data.download && asset.purpose !== 'file';
    return sendStoredObject(reply, request, storage, asset.storageKey, {
      filename: asset.filename,
      contentType: asset.contentType,
      disposition: inline ? 'inline' : 'attachment',
      cacheSeconds: isPublic ? 86_400 : 0,
      isPublic,
    });
  };
  // Compressing would break byte ranges and Content-Length; media types are compressed already.
  app.get('/media/:uuid', { compress: false }, handler);
  app.get('/media/:uuid/:filename', { compress: false }, handler);
}
