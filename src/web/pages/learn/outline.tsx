import type { FastifyInstance } from 'fastify';
import { listQuizStatuses, type QuizStatus } from '../../../modules/assessment/index.ts';
import {
  getCourseOutline,
  type CourseOutline,
  type OutlineBlock,
  type OutlineUnit,
} from '../../../modules/courseware/index.ts';
import type { T } from '../../messages/index.ts';
import { safePath, sendPage } from '../../render.tsx';
import type { PickedText } from '../../views/course-card.tsx';
import { Breadcrumbs, DataSaverToggle, ProgressMeter, RunDates, RunNotice } from './parts.tsx';
import { courseTitleOf, isDataSaverOn, redirectAnonymous, runPath, serviceContext, unitPath } from './shared.ts';

type RunParams = { Params: { courseKey: string; runCode: string } };

type OutlinePageData = {
  outline: CourseOutline;
  title: PickedText;
  quizStatuses: ReadonlyMap<number, QuizStatus>;
  dataSaver: boolean;
  csrfToken: string;
  path: string;
};

function BlockItem({ t, block, status }: { t: T; block: OutlineBlock; status: QuizStatus | undefined }) {
  return (
    <li>
      <span class="completion-mark" aria-hidden="true">
        {block.completed ? '✓' : '○'}
      </span>{' '}
      {block.title}
      <span class="visually-hidden">
        {' '}
        {block.completed ? t.t('learn.block.completed') : t.t('learn.block.notCompleted')}
      </span>
      {status?.dueAt && (
        <span class="hint">
          {' · '}
          {t.t('learn.outline.due', { date: t.formatDate(status.dueAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
        </span>
      )}
    </li>
  );
}

function UnitItem({ t, data, unit }: { t: T; data: OutlinePageData; unit: OutlineUnit }) {
  const { outline } = data;
  const complete = unit.totalBlocks > 0 && unit.completedBlocks === unit.totalBlocks;
  const current = unit.key === outline.lastUnitKey;
  return (
    <li class="learn-unit">
      <a href={unitPath(outline.course.key, outline.run.code, unit.key)}>{unit.title}</a>
      {complete && (
        <>
          {' '}
          <span class="badge badge-complete">{t.t('learn.outline.unitComplete')}</span>
        </>
      )}
      {current && (
        <>
          {' '}
          <span class="badge">{t.t('learn.outline.lastVisited')}</span>
        </>
      )}
      {unit.blocks.length > 0 && (
        <ul class="learn-blocks">
          {unit.blocks.map((block) => (
            <BlockItem t={t} block={block} status={data.quizStatuses.get(block.entityId)} />
          ))}
        </ul>
      )}
    </li>
  );
}

function OutlinePage({ t, data }: { t: T; data: OutlinePageData }) {
  const { outline, title } = data;
  const { course, run } = outline;
  const showResume = outline.resumeUnitKey !== null && outline.phase !== 'not_started';
  return (
    <div class="learn-page">
      <Breadcrumbs
        t={t}
        crumbs={[
          { label: t.t('learn.my.title'), href: '/learn' },
          { label: title.text, lang: title.lang },
        ]}
      />
      <h1 lang={title.lang}>{title.text}</h1>
      <p class="hint">
        <RunDates t={t} run={run} />
      </p>
      <RunNotice t={t} run={run} phase={outline.phase} preview={outline.reader === 'staff'} />
      <ProgressMeter
        t={t}
        id="course-progress"
        done={outline.progress.completedBlocks}
        total={outline.progress.totalBlocks}
      />
      <p class="actions">
        {showResume && (
          <a class="button" href={runPath(course.key, run.code, '/resume')}>
            {outline.lastUnitKey ? t.t('learn.outline.resume') : t.t('learn.outline.start')}
          </a>
        )}
        {outline.reader === 'learner' && (
          <a class="button button-secondary" href={runPath(course.key, run.code, '/progress')}>
            {t.t('learn.outline.progressPage')}
          </a>
        )}
        <a class="button button-secondary" href={runPath(course.key, run.code, '/forum')}>
          {t.t('learn.outline.forum')}
        </a>
      </p>
      {outline.sections.length === 0 && <p>{t.t('learn.outline.empty')}</p>}
      {outline.sections.map((section, index) => (
        <section aria-labelledby={`section-${section.key}`} class="learn-section">
          <h2 id={`section-${section.key}`}>{section.title}</h2>
          <ProgressMeter
            t={t}
            id={`section-progress-${index + 1}`}
            done={section.completedBlocks}
            total={section.totalBlocks}
          />
          <ol class="learn-units">
            {section.units.map((unit) => (
              <UnitItem t={t} data={data} unit={unit} />
            ))}
          </ol>
        </section>
      ))}
      <DataSaverToggle t={t} enabled={data.dataSaver} csrfToken={data.csrfToken} back={data.path} />
    </div>
  );
}

/** The outline of a run: completion marks, progress per section and overall, and "resume". */
export async function outlineRoutes(app: FastifyInstance): Promise<void> {
  app.get<RunParams>('/learn/:courseKey/:runCode', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const ctx = serviceContext(request);
    const outline = await getCourseOutline(ctx, request.params.courseKey, request.params.runCode);
    const quizIds = outline.sections.flatMap((section) =>
      section.units.flatMap((unit) =>
        unit.blocks.filter((block) => block.type === 'quiz').map((block) => block.entityId),
      ),
    );
    const quizStatuses =
      outline.learner && quizIds.length > 0 ? await listQuizStatuses(ctx, outline.learner, quizIds) : new Map();
    const title = courseTitleOf(outline.metadata, outline.course.key, request.t.locale);
    const data: OutlinePageData = {
      outline,
      title,
      quizStatuses,
      dataSaver: isDataSaverOn(request),
      csrfToken: reply.generateCsrf(),
      path: safePath(request.url),
    };
    return sendPage(request, reply, { title: title.text, body: <OutlinePage t={request.t} data={data} /> });
  });
}
