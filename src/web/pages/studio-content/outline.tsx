import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getPendingChanges, publishCourse, revertDraft } from '../../../modules/courses/index.ts';
import { isDomainError } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { OutlineView, type OutlineFailure } from './outline-view.tsx';
import {
  coursePath,
  fieldErrorsFrom,
  loadStudioCourse,
  readField,
  readNotice,
  redirectAnonymous,
  requireEdit,
  requirePublish,
  serviceContext,
  withNotice,
  type StudioCourse,
} from './shared.ts';

type KeyParams = { Params: { key: string } };

/** The outline page, re-rendered with a failed form's errors and values when there is one. */
export async function renderOutline(
  request: FastifyRequest,
  reply: FastifyReply,
  studio: StudioCourse,
  failure?: OutlineFailure,
): Promise<FastifyReply> {
  const pending = await getPendingChanges(serviceContext(request), studio.course.key);
  return sendPage(request, reply, {
    title: studio.title,
    status: failure ? 400 : 200,
    body: <OutlineView t={request.t} reply={reply} state={{ studio, pending, notice: readNotice(request), failure }} />,
  });
}

export async function outlineRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };

  app.get<KeyParams>('/studio/courses/:key', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    return renderOutline(request, reply, await loadStudioCourse(request, request.params.key));
  });

  app.post<KeyParams>('/studio/courses/:key/releases', csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const studio = await loadStudioCourse(request, request.params.key);
    requirePublish(studio);
    const message = readField(request.body, 'message');
    try {
      await publishCourse(serviceContext(request), studio.course.key, { message });
    } catch (error) {
      if (isDomainError(error) && error.code === 'course.nothing_to_publish') {
        return redirectTo(reply, withNotice(coursePath(studio.course.key), 'nothing-to-publish'));
      }
      if (isDomainError(error) && error.code === 'course.missing_media') {
        const errors = { _: 'studioContent.error.missingMedia' as const };
        return renderOutline(request, reply, studio, { form: 'publish', values: { message }, errors });
      }
      return renderOutline(request, reply, studio, {
        form: 'publish',
        values: { message },
        errors: fieldErrorsFrom(error),
      });
    }
    return redirectTo(reply, withNotice(coursePath(studio.course.key, '/history'), 'published'));
  });

  app.post<KeyParams>('/studio/courses/:key/reversion', csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const studio = await loadStudioCourse(request, request.params.key);
    requireEdit(studio);
    if (readField(request.body, 'confirm') !== 'yes') {
      return redirectTo(reply, withNotice(coursePath(studio.course.key), 'confirm-revert'));
    }
    await revertDraft(serviceContext(request), studio.course.key);
    return redirectTo(reply, withNotice(coursePath(studio.course.key), 'reverted'));
  });
}
