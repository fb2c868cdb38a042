import type { FastifyInstance } from 'fastify';
import { updateCourseMetadata, uploadMedia } from '../../../modules/courses/index.ts';
import { isDomainError } from '../../../platform/errors/index.ts';
import { redirectTo } from '../../render.tsx';
import { readUploadedFile } from '../../uploads.ts';
import { studioCoursePath } from '../../views/studio-layout.tsx';
import { courseForPost, requireCapability, serviceContext } from './shared.ts';

/** The course image: stored as course media, then pointed at from the draft description. */
export async function settingsImageRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { key: string } }>(
    '/studio/courses/:key/settings/image',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const path = studioCoursePath(request.params.key, 'settings');
      const studio = await courseForPost(request, reply, path);
      if (!studio) return reply;
      requireCapability(studio, 'edit_content');
      const file = readUploadedFile(request.body, 'image');
      if (!file) return redirectTo(reply, `${path}?notice=image-missing`);
      const ctx = serviceContext(request);
      try {
        const upload = { purpose: 'image' as const, filename: file.filename, bytes: new Uint8Array(file.bytes) };
        const asset = await uploadMedia(ctx, app.platform.storage, studio.course.key, upload);
        await updateCourseMetadata(ctx, studio.course.key, { ...studio.metadata, imageMediaId: asset.uuid });
      } catch (error) {
        if (isDomainError(error) && error.kind === 'invalid') return redirectTo(reply, `${path}?notice=image-invalid`);
        throw error;
      }
      return redirectTo(reply, `${path}?notice=image-saved`);
    },
  );
}
