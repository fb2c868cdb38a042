import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listQuizStatuses, type QuizStatus } from '../../../modules/assessment/index.ts';
import {
  getCourseOutline,
  getResumeUnitKey,
  getUnit,
  markBlockComplete,
  type UnitView,
} from '../../../modules/courseware/index.ts';
import type { Transcript } from '../../../modules/courses/index.ts';
import { isDomainError } from '../../../platform/errors/index.ts';
import { redirectTo, safePath, sendPage } from '../../render.tsx';
import { Breadcrumbs, RunNotice } from './parts.tsx';
import { courseTitleOf, isDataSaverOn, redirectAnonymous, runPath, serviceContext, unitPath } from './shared.ts';
import { loadVideoTranscripts } from './transcripts.ts';
import { UnitPage } from './unit-view.tsx';

type RunParams = { Params: { courseKey: string; runCode: string } };
type UnitParams = { Params: { courseKey: string; runCode: string; unitKey: string } };
type BlockParams = { Params: { courseKey: string; runCode: string; unitKey: string; blockKey: string } };

async function loadTranscripts(request: FastifyRequest, view: UnitView): Promise<Map<string, readonly Transcript[]>> {
  const transcripts = new Map<string, readonly Transcript[]>();
  for (const block of view.blocks) {
    if (block.type === 'video') transcripts.set(block.key, await loadVideoTranscripts(request, block));
  }
  return transcripts;
}

async function loadQuizStatuses(request: FastifyRequest, view: UnitView): Promise<Map<number, QuizStatus>> {
  const quizIds = view.blocks.filter((block) => block.type === 'quiz').map((block) => block.entityId);
  if (!view.learner || quizIds.length === 0) return new Map();
  return listQuizStatuses(serviceContext(request), view.learner, quizIds);
}

/** Before a scheduled run starts, its units answer with the date they open, beside the outline. */
async function sendNotStarted(request: FastifyRequest<UnitParams>, reply: FastifyReply) {
  const { t } = request;
  const { courseKey, runCode } = request.params;
  const outline = await getCourseOutline(serviceContext(request), courseKey, runCode);
  const title = courseTitleOf(outline.metadata, outline.course.key, t.locale);
  return sendPage(request, reply, {
    title: `${t.t('learn.notStarted.title')} · ${title.text}`,
    status: 403,
    body: (
      <div class="learn-page">
        <Breadcrumbs
          t={t}
          crumbs={[
            { label: t.t('learn.my.title'), href: '/learn' },
            { label: title.text, href: runPath(courseKey, runCode), lang: title.lang },
            { label: t.t('learn.notStarted.title') },
          ]}
        />
        <h1>{t.t('learn.notStarted.title')}</h1>
        <RunNotice t={t} run={outline.run} phase={outline.phase} preview={false} />
        <p>
          <a href={runPath(courseKey, runCode)}>{t.t('learn.unit.outline')}</a>
        </p>
      </div>
    ),
  });
}

/** Unit pages, "resume" and the no-script "mark as complete". */
export async function unitRoutes(app: FastifyInstance): Promise<void> {
  app.get<RunParams>('/learn/:courseKey/:runCode/resume', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { courseKey, runCode } = request.params;
    const unitKey = await getResumeUnitKey(serviceContext(request), courseKey, runCode);
    return redirectTo(reply, unitKey ? unitPath(courseKey, runCode, unitKey) : runPath(courseKey, runCode));
  });

  app.get<UnitParams>('/learn/:courseKey/:runCode/units/:unitKey', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { courseKey, runCode, unitKey } = request.params;
    let view: UnitView;
    try {
      view = await getUnit(serviceContext(request), courseKey, runCode, unitKey);
    } catch (error) {
      if (isDomainError(error) && error.code === 'courseware.not_started') return sendNotStarted(request, reply);
      throw error;
    }
    const [transcripts, quizStatuses] = await Promise.all([
      loadTranscripts(request, view),
      loadQuizStatuses(request, view),
    ]);
    const title = courseTitleOf(view.metadata, view.course.key, request.t.locale);
    const data = {
      view,
      title,
      transcripts,
      quizStatuses,
      dataSaver: isDataSaverOn(request),
      csrfToken: reply.generateCsrf(),
      path: safePath(request.url),
    };
    return sendPage(request, reply, {
      title: `${view.unit.title} · ${title.text}`,
      body: <UnitPage t={request.t} data={data} />,
    });
  });

  app.post<BlockParams>(
    '/learn/:courseKey/:runCode/units/:unitKey/blocks/:blockKey/complete',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const { courseKey, runCode, unitKey, blockKey } = request.params;
      const back = unitPath(courseKey, runCode, unitKey);
      if (redirectAnonymous(request, reply, back)) return reply;
      await markBlockComplete(serviceContext(request), courseKey, runCode, unitKey, blockKey);
      return redirectTo(reply, `${back}#block-${encodeURIComponent(blockKey)}`);
    },
  );
}
