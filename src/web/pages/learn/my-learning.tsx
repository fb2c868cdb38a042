import type { FastifyInstance } from 'fastify';
import { listMyLearning, type LearningEntry } from '../../../modules/courseware/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { DataSaverToggle, ProgressMeter, RunDates } from './parts.tsx';
import { courseTitleOf, isDataSaverOn, redirectAnonymous, runPath, serviceContext } from './shared.ts';

function resumeLabel(t: T, entry: LearningEntry): string {
  if (entry.phase === 'not_started') return t.t('learn.my.outline');
  if (entry.finished) return t.t('learn.my.review');
  return entry.progress.completedBlocks > 0 ? t.t('learn.outline.resume') : t.t('learn.outline.start');
}

function CourseEntry({ t, entry }: { t: T; entry: LearningEntry }) {
  const title = courseTitleOf(entry.metadata, entry.course.key, t.locale);
  const { course, run } = entry;
  const resumable = entry.phase !== 'not_started' && entry.resumeUnitKey !== null;
  return (
    <li class="card learn-course">
      <h3 lang={title.lang}>
        <a href={runPath(course.key, run.code)}>{title.text}</a>
      </h3>
      <p class="meta">
        <RunDates t={t} run={run} />
      </p>
      <ProgressMeter
        t={t}
        id={`progress-${entry.enrollment.uuid}`}
        done={entry.progress.completedBlocks}
        total={entry.progress.totalBlocks}
      />
      <p>
        <a
          class="button button-small"
          href={resumable ? runPath(course.key, run.code, '/resume') : runPath(course.key, run.code)}
          aria-label={`${resumeLabel(t, entry)}: ${title.text}`}
        >
          {resumeLabel(t, entry)}
        </a>
      </p>
    </li>
  );
}

type MyLearningData = { current: LearningEntry[]; finished: LearningEntry[]; dataSaver: boolean; csrfToken: string };

function MyLearningPage({ t, data }: { t: T; data: MyLearningData }) {
  const { current, finished } = data;
  return (
    <div class="learn-page">
      <h1>{t.t('learn.my.title')}</h1>
      <section aria-labelledby="current-heading">
        <h2 id="current-heading">{t.t('learn.my.current')}</h2>
        {current.length === 0 ? (
          <p>
            {t.t('learn.my.none')} <a href="/courses">{t.t('learn.my.browse')}</a>
          </p>
        ) : (
          <ul class="cards learn-courses">
            {current.map((entry) => (
              <CourseEntry t={t} entry={entry} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="finished-heading">
        <h2 id="finished-heading">{t.t('learn.my.finished')}</h2>
        {finished.length === 0 ? (
          <p>{t.t('learn.my.noneFinished')}</p>
        ) : (
          <ul class="cards learn-courses">
            {finished.map((entry) => (
              <CourseEntry t={t} entry={entry} />
            ))}
          </ul>
        )}
        <p class="hint">
          {t.t('learn.my.credentialsNote')} <a href="/account/credentials">{t.t('learn.my.credentialsLink')}</a>
        </p>
      </section>
      <DataSaverToggle t={t} enabled={data.dataSaver} csrfToken={data.csrfToken} back="/learn" />
    </div>
  );
}

/** "My learning": the signed-in person's current and finished runs with their progress. */
export async function myLearningRoutes(app: FastifyInstance): Promise<void> {
  app.get('/learn', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { current, finished } = await listMyLearning(serviceContext(request));
    const data = { current, finished, dataSaver: isDataSaverOn(request), csrfToken: reply.generateCsrf() };
    return sendPage(request, reply, {
      title: request.t.t('learn.my.title'),
      body: <MyLearningPage t={request.t} data={data} />,
    });
  });
}
