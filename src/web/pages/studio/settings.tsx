import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { languageTagSchema, updateCourseMetadata } from '../../../modules/courses/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { studioCoursePath } from '../../views/studio-layout.tsx';
import { readSettingsValues, settingsErrorsFrom, toMetadataInput, valuesOf, withEmptyRows } from './settings-form.ts';
import { SettingsView, type SettingsState } from './settings-view.tsx';
import {
  courseForPost,
  loadStudioCourse,
  noticeFrom,
  readField,
  redirectAnonymous,
  requireCapability,
  serviceContext,
  type Notice,
  type StudioCourse,
} from './shared.ts';

type KeyParams = { Params: { key: string } };

const NOTICES: Record<string, Notice> = {
  saved: { kind: 'success', key: 'studio.notice.saved' },
  created: { kind: 'success', key: 'studio.notice.created' },
  'image-saved': { kind: 'success', key: 'studio.notice.imageSaved' },
  'image-missing': { kind: 'error', key: 'studio.notice.imageMissing' },
  'image-invalid': { kind: 'error', key: 'studio.notice.imageInvalid' },
};

function renderSettings(
  request: FastifyRequest,
  reply: FastifyReply,
  state: Omit<SettingsState, 'notice'>,
  status = 200,
): FastifyReply {
  const { t } = request;
  return sendPage(request, reply, {
    title: `${t.t('studio.settings.title')} · ${state.studio.title}`,
    status,
    body: <SettingsView t={t} reply={reply} state={{ ...state, notice: noticeFrom(request, NOTICES) }} />,
  });
}

export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  app.get<KeyParams>('/studio/courses/:key/settings', async (request, reply) => {
    const path = studioCoursePath(request.params.key, 'settings');
    if (redirectAnonymous(request, reply, path)) return reply;
    const studio = await loadStudioCourse(request, request.params.key);
    return renderSettings(request, reply, { studio, values: valuesOf(studio.metadata), errors: {} });
  });

  app.post<KeyParams>('/studio/courses/:key/settings', { preHandler: app.csrfProtection }, async (request, reply) => {
    const path = studioCoursePath(request.params.key, 'settings');
    const studio = await courseForPost(request, reply, path);
    if (!studio) return reply;
    requireCapability(studio, 'edit_content');
    const values = readSettingsValues(request.body);
    if (readField(request.body, 'intent') === 'add-language') return addLanguage(request, reply, studio, values);
    const { input, rows } = toMetadataInput(values, studio.metadata);
    try {
      await updateCourseMetadata(serviceContext(request), studio.course.key, input);
    } catch (error) {
      const errors = settingsErrorsFrom(error, values, rows);
      return renderSettings(request, reply, { studio, values, errors }, 400);
    }
    return redirectTo(reply, `${path}?notice=saved`);
  });
}

/** Adds a column of texts without saving, so a form without scripts can grow a language. */
function addLanguage(
  request: FastifyRequest,
  reply: FastifyReply,
  studio: StudioCourse,
  values: ReturnType<typeof readSettingsValues>,
): FastifyReply {
  const tag = readField(request.body, 'addLanguage');
  const textLanguages =
    languageTagSchema.safeParse(tag).success && !values.textLanguages.includes(tag)
      ? [...values.textLanguages, tag]
      : values.textLanguages;
  return renderSettings(request, reply, { studio, values: withEmptyRows({ ...values, textLanguages }), errors: {} });
}
