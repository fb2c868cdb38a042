import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  addSection,
  addUnit,
  deleteBlock,
  deleteSection,
  deleteUnit,
  moveBlock,
  moveSection,
  moveUnit,
  updateSection,
  updateUnit,
} from '../../../modules/courses/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { DeletionView } from './deletion-view.tsx';
import { renderOutline } from './outline.tsx';
import {
  coursePath,
  fieldErrorsFrom,
  findBlock,
  findSection,
  findUnit,
  loadStudioCourse,
  readField,
  redirectAnonymous,
  requireEdit,
  serviceContext,
  targetPosition,
  withNotice,
  type StudioCourse,
} from './shared.ts';

type Params<Extra extends string> = { Params: { key: string } & Record<Extra, string> };

/** Loads the course for an edit, after sending anonymous visitors to sign in. */
async function loadForEdit(request: FastifyRequest<{ Params: { key: string } }>, reply: FastifyReply) {
  if (redirectAnonymous(request, reply)) return null;
  const studio = await loadStudioCourse(request, request.params.key);
  requireEdit(studio);
  return studio;
}

/** Runs a titled edit; an invalid title re-renders the outline with that form's error. */
async function saveTitle(
  request: FastifyRequest,
  reply: FastifyReply,
  studio: StudioCourse,
  form: string,
  save: (title: string) => Promise<unknown>,
): Promise<FastifyReply> {
  const title = readField(request.body, 'title');
  try {
    await save(title);
  } catch (error) {
    return renderOutline(request, reply, studio, { form, values: { title }, errors: fieldErrorsFrom(error) });
  }
  return redirectTo(reply, withNotice(coursePath(studio.course.key), 'saved'));
}

function confirmDeletion(
  request: FastifyRequest,
  reply: FastifyReply,
  studio: StudioCourse,
  page: { title: string; detail: string; action: string },
): FastifyReply {
  return sendPage(request, reply, {
    title: request.t.t('studioContent.delete.heading', { title: page.title }),
    body: <DeletionView t={request.t} reply={reply} studio={studio} back={coursePath(studio.course.key)} {...page} />,
  });
}

export async function structureRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };
  const ctx = serviceContext;

  app.post<Params<never>>('/studio/courses/:key/sections', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    return saveTitle(request, reply, studio, 'section', (title) =>
      addSection(ctx(request), studio.course.key, { title }),
    );
  });

  app.post<Params<'sectionKey'>>('/studio/courses/:key/sections/:sectionKey', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    const { section } = findSection(studio.tree, request.params.sectionKey);
    return saveTitle(request, reply, studio, `rename-${section.key}`, (title) =>
      updateSection(ctx(request), studio.course.key, section.key, { title }),
    );
  });

  app.post<Params<'sectionKey'>>('/studio/courses/:key/sections/:sectionKey/position', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    const { section, index } = findSection(studio.tree, request.params.sectionKey);
    const position = targetPosition(request.body, index, studio.tree.sections.length);
    await moveSection(ctx(request), studio.course.key, section.key, { position });
    return redirectTo(reply, withNotice(coursePath(studio.course.key), 'moved'));
  });

  app.get<Params<'sectionKey'>>('/studio/courses/:key/sections/:sectionKey/deletion', async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    const { section } = findSection(studio.tree, request.params.sectionKey);
    const blocks = section.units.reduce((sum, unit) => sum + unit.blocks.length, 0);
    return confirmDeletion(request, reply, studio, {
      title: section.title,
      detail: request.t.t('studioContent.delete.sectionDetail', { units: section.units.length, blocks }),
      action: coursePath(studio.course.key, `/sections/${section.key}/deletion`),
    });
  });

  app.post<Params<'sectionKey'>>('/studio/courses/:key/sections/:sectionKey/deletion', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    await deleteSection(
      ctx(request),
      studio.course.key,
      findSection(studio.tree, request.params.sectionKey).section.key,
    );
    return redirectTo(reply, withNotice(coursePath(studio.course.key), 'deleted'));
  });

  app.post<Params<'sectionKey'>>('/studio/courses/:key/sections/:sectionKey/units', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    const { section } = findSection(studio.tree, request.params.sectionKey);
    return saveTitle(request, reply, studio, `unit-${section.key}`, (title) =>
      addUnit(ctx(request), studio.course.key, section.key, { title }),
    );
  });

  app.post<Params<'unitKey'>>('/studio/courses/:key/units/:unitKey', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    const { unit } = findUnit(studio.tree, request.params.unitKey);
    return saveTitle(request, reply, studio, `rename-${unit.key}`, (title) =>
      updateUnit(ctx(request), studio.course.key, unit.key, { title }),
    );
  });

  app.post<Params<'unitKey'>>('/studio/courses/:key/units/:unitKey/position', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    const { section, unit, index } = findUnit(studio.tree, request.params.unitKey);
    const position = targetPosition(request.body, index, section.units.length);
    await moveUnit(ctx(request), studio.course.key, unit.key, { sectionKey: section.key, position });
    return redirectTo(reply, withNotice(coursePath(studio.course.key), 'moved'));
  });

  app.get<Params<'unitKey'>>('/studio/courses/:key/units/:unitKey/deletion', async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    const { unit } = findUnit(studio.tree, request.params.unitKey);
    return confirmDeletion(request, reply, studio, {
      title: unit.title,
      detail: request.t.t('studioContent.delete.unitDetail', { blocks: unit.blocks.length }),
      action: coursePath(studio.course.key, `/units/${unit.key}/deletion`),
    });
  });

  app.post<Params<'unitKey'>>('/studio/courses/:key/units/:unitKey/deletion', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    await deleteUnit(ctx(request), studio.course.key, findUnit(studio.tree, request.params.unitKey).unit.key);
    return redirectTo(reply, withNotice(coursePath(studio.course.key), 'deleted'));
  });

  app.post<Params<'blockKey'>>('/studio/courses/:key/blocks/:blockKey/position', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    const { unit, block, index } = findBlock(studio.tree, request.params.blockKey);
    const position = targetPosition(request.body, index, unit.blocks.length);
    await moveBlock(ctx(request), studio.course.key, block.key, { unitKey: unit.key, position });
    return redirectTo(reply, withNotice(coursePath(studio.course.key), 'moved'));
  });

  app.get<Params<'blockKey'>>('/studio/courses/:key/blocks/:blockKey/deletion', async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    const { block } = findBlock(studio.tree, request.params.blockKey);
    return confirmDeletion(request, reply, studio, {
      title: block.block.title,
      detail: request.t.t('studioContent.delete.blockDetail'),
      action: coursePath(studio.course.key, `/blocks/${block.key}/deletion`),
    });
  });

  app.post<Params<'blockKey'>>('/studio/courses/:key/blocks/:blockKey/deletion', csrf, async (request, reply) => {
    const studio = await loadForEdit(request, reply);
    if (!studio) return reply;
    await deleteBlock(ctx(request), studio.course.key, findBlock(studio.tree, request.params.blockKey).block.key);
    return redirectTo(reply, withNotice(coursePath(studio.course.key), 'deleted'));
  });
}
