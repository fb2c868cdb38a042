import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  BLOCK_TYPES,
  addBlock,
  listMedia,
  updateBlock,
  type BlockType,
  type TreeSection,
  type TreeUnit,
} from '../../../modules/courses/index.ts';
import { renderMarkdown } from '../../../platform/html/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { blockValuesOf, emptyBlockValues, readBlockForm } from './block-input.ts';
import { BlockEditorView, type BlockEditorState } from './block-view.tsx';
import {
  blockPath,
  fieldErrorsFrom,
  findBlock,
  findUnit,
  hasErrors,
  loadStudioCourse,
  readField,
  readNotice,
  redirectAnonymous,
  requireEdit,
  serviceContext,
  withNotice,
  type StudioCourse,
} from './shared.ts';

type UnitParams = { Params: { key: string; unitKey: string } };
type BlockParams = { Params: { key: string; blockKey: string } };

type EditorInput = Omit<BlockEditorState, 'media' | 'notice'> & { status?: number };

async function renderEditor(request: FastifyRequest, reply: FastifyReply, input: EditorInput): Promise<FastifyReply> {
  const { status, ...rest } = input;
  const media = await listMedia(serviceContext(request), input.studio.course.key);
  const state: BlockEditorState = { ...rest, media, notice: readNotice(request) };
  const title = input.values.fields.title || request.t.t('studioContent.block.untitled');
  return sendPage(request, reply, {
    title: `${title} · ${input.studio.title}`,
    status,
    body: <BlockEditorView t={request.t} reply={reply} state={state} />,
  });
}

const isBlockType = (value: string): value is BlockType => (BLOCK_TYPES as readonly string[]).includes(value);

type Place = { studio: StudioCourse; section: TreeSection; unit: TreeUnit };

/**
 * Saves a block form: a Preview press re-renders with the rendered Markdown, input errors
 * re-render with 400, and a save redirects to the block's page.
 */
async function submitBlock(
  request: FastifyRequest,
  reply: FastifyReply,
  place: Place,
  target: { type: BlockType; blockKey?: string; current: Parameters<typeof readBlockForm>[2] },
): Promise<FastifyReply> {
  const { studio } = place;
  const { values, input, errors } = readBlockForm(target.type, request.body, target.current);
  const quiz = target.current?.type === 'quiz' ? target.current : undefined;
  const base = { ...place, blockKey: target.blockKey, quiz, values };
  if (readField(request.body, 'intent') === 'preview') {
    return renderEditor(request, reply, { ...base, errors: {}, previewHtml: renderMarkdown(values.fields.body ?? '') });
  }
  if (hasErrors(errors)) return renderEditor(request, reply, { ...base, errors, status: 400 });
  const ctx = serviceContext(request);
  try {
    const saved = target.blockKey
      ? await updateBlock(ctx, studio.course.key, target.blockKey, input)
      : await addBlock(ctx, studio.course.key, place.unit.key, input);
    return redirectTo(
      reply,
      withNotice(blockPath(studio.course.key, saved.key), target.blockKey ? 'saved' : 'created'),
    );
  } catch (error) {
    return renderEditor(request, reply, { ...base, errors: fieldErrorsFrom(error), status: 400 });
  }
}

export async function blockRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };

  app.get<UnitParams>('/studio/courses/:key/units/:unitKey/blocks/new', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const studio = await loadStudioCourse(request, request.params.key);
    requireEdit(studio);
    const { section, unit } = findUnit(studio.tree, request.params.unitKey);
    const type = readField(request.query, 'type');
    const values = emptyBlockValues(isBlockType(type) ? type : 'text');
    return renderEditor(request, reply, { studio, section, unit, values, errors: {} });
  });

  app.post<UnitParams>(
    '/studio/courses/:key/units/:unitKey/blocks',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      if (redirectAnonymous(request, reply)) return reply;
      const studio = await loadStudioCourse(request, request.params.key);
      requireEdit(studio);
      const { section, unit } = findUnit(studio.tree, request.params.unitKey);
      const type = readField(request.body, 'type');
      return submitBlock(
        request,
        reply,
        { studio, section, unit },
        { type: isBlockType(type) ? type : 'text', current: null },
      );
    },
  );

  app.get<BlockParams>('/studio/courses/:key/blocks/:blockKey', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const studio = await loadStudioCourse(request, request.params.key);
    const { section, unit, block } = findBlock(studio.tree, request.params.blockKey);
    const quiz = block.block.type === 'quiz' ? block.block : undefined;
    const values = blockValuesOf(block.block);
    return renderEditor(request, reply, { studio, section, unit, blockKey: block.key, quiz, values, errors: {} });
  });

  app.post<BlockParams>('/studio/courses/:key/blocks/:blockKey', csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const studio = await loadStudioCourse(request, request.params.key);
    requireEdit(studio);
    const { section, unit, block } = findBlock(studio.tree, request.params.blockKey);
    const target = { type: block.block.type, blockKey: block.key, current: block.block };
    return submitBlock(request, reply, { studio, section, unit }, target);
  });

  app.post<{ Params: { key: string } }>('/studio/courses/:key/markdown-preview', csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    requireEdit(await loadStudioCourse(request, request.params.key));
    const html = renderMarkdown(readField(request.body, 'source', false));
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });
}
