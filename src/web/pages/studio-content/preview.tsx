import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { readTranscripts, type Transcript, type TreeUnit } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { BlockView } from '../../views/blocks/index.tsx';
import { Alert } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import {
  coursePath,
  findUnit,
  loadStudioCourse,
  redirectAnonymous,
  serviceContext,
  type StudioCourse,
} from './shared.ts';

type KeyParams = { Params: { key: string } };
type UnitParams = { Params: { key: string; unitKey: string } };

const unitPath = (key: string, unitKey: string) => coursePath(key, `/preview/units/${encodeURIComponent(unitKey)}`);

/** Drafts are private: search engines are told not to keep any preview page. */
function sendPreview(request: FastifyRequest, reply: FastifyReply, title: string, body: ComponentChildren) {
  reply.header('x-robots-tag', 'noindex, nofollow');
  return sendPage(request, reply, { title, body });
}

function DraftBanner({ t, studio }: { t: T; studio: StudioCourse }) {
  return (
    <Alert kind="info">
      <p>
        <strong>{t.t('studioContent.preview.banner')}</strong> {t.t('studioContent.preview.bannerDetail')}{' '}
        <a href={coursePath(studio.course.key)}>{t.t('studioContent.block.backToOutline')}</a>
      </p>
    </Alert>
  );
}

function PreviewOutline({ t, studio }: { t: T; studio: StudioCourse }) {
  const key = studio.course.key;
  return (
    <StudioFrame t={t} course={{ key, title: studio.title }} current="preview">
      <DraftBanner t={t} studio={studio} />
      <h2>{t.t('studioContent.preview.outline')}</h2>
      {studio.tree.sections.length === 0 && <p>{t.t('studioContent.outline.empty')}</p>}
      {studio.tree.sections.map((section) => (
        <section aria-labelledby={`preview-${section.key}`}>
          <h3 id={`preview-${section.key}`}>{section.title}</h3>
          <ol>
            {section.units.map((unit) => (
              <li>
                <a href={unitPath(key, unit.key)}>{unit.title}</a>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </StudioFrame>
  );
}

type Transcripts = ReadonlyMap<string, readonly Transcript[]>;

function PreviewUnit({
  t,
  studio,
  unit,
  transcripts,
}: {
  t: T;
  studio: StudioCourse;
  unit: TreeUnit;
  transcripts: Transcripts;
}) {
  const key = studio.course.key;
  const units = studio.tree.sections.flatMap((section) => section.units);
  const index = units.findIndex((other) => other.key === unit.key);
  const previous = units[index - 1];
  const next = units[index + 1];
  return (
    <StudioFrame t={t} course={{ key, title: studio.title }} current="preview">
      <DraftBanner t={t} studio={studio} />
      <article aria-labelledby="unit-title">
        <h2 id="unit-title">{unit.title}</h2>
        {unit.blocks.length === 0 && <p>{t.t('studioContent.preview.emptyUnit')}</p>}
        {unit.blocks.map((block) => (
          <BlockView
            t={t}
            block={block.block}
            headingLevel={3}
            quizDisabled
            transcripts={transcripts.get(block.key) ?? []}
          />
        ))}
      </article>
      <nav aria-label={t.t('studioContent.preview.unitNav')}>
        <p>
          {previous && (
            <a href={unitPath(key, previous.key)}>{t.t('studioContent.preview.previous', { title: previous.title })}</a>
          )}
          {previous && next && ' · '}
          {next && <a href={unitPath(key, next.key)}>{t.t('studioContent.preview.next', { title: next.title })}</a>}
          {' · '}
          <a href={coursePath(key, '/preview')}>{t.t('studioContent.preview.outline')}</a>
        </p>
      </nav>
    </StudioFrame>
  );
}

export async function previewRoutes(app: FastifyInstance): Promise<void> {
  app.get<KeyParams>('/studio/courses/:key/preview', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const studio = await loadStudioCourse(request, request.params.key);
    const title = `${request.t.t('studioContent.preview.banner')} · ${studio.title}`;
    return sendPreview(request, reply, title, <PreviewOutline t={request.t} studio={studio} />);
  });

  app.get<UnitParams>('/studio/courses/:key/preview/units/:unitKey', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const studio = await loadStudioCourse(request, request.params.key);
    const { unit } = findUnit(studio.tree, request.params.unitKey);
    const title = `${unit.title} · ${request.t.t('studioContent.preview.banner')}`;
    const transcripts = new Map<string, readonly Transcript[]>();
    for (const { key, block } of unit.blocks) {
      if (block.type === 'video') {
        transcripts.set(key, await readTranscripts(serviceContext(request), request.server.platform.storage, block));
      }
    }
    return sendPreview(
      request,
      reply,
      title,
      <PreviewUnit t={request.t} studio={studio} unit={unit} transcripts={transcripts} />,
    );
  });
}
