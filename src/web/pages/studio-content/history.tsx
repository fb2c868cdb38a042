import type { FastifyInstance } from 'fastify';
import { listCourseRuns, listReleases, type CourseRun, type Release } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { Alert } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import {
  loadStudioCourse,
  readNotice,
  redirectAnonymous,
  serviceContext,
  type Notice,
  type StudioCourse,
} from './shared.ts';

type KeyParams = { Params: { key: string } };

const total = (side: Partial<Record<string, number>>): number =>
  Object.values(side).reduce<number>((sum, count) => sum + (count ?? 0), 0);

function HistoryView(props: {
  t: T;
  studio: StudioCourse;
  releases: Release[];
  runs: CourseRun[];
  notice?: Notice | undefined;
}) {
  const { t, studio, releases, runs } = props;
  return (
    <StudioFrame t={t} course={{ key: studio.course.key, title: studio.title }} current="history">
      {props.notice && (
        <Alert kind={props.notice.kind}>
          <p>{t.t(props.notice.key)}</p>
        </Alert>
      )}
      <h2 id="history-heading">{t.t('studioContent.history.heading')}</h2>
      {releases.length === 0 ? (
        <p>{t.t('studioContent.history.empty')}</p>
      ) : (
        <ol class="release-list" aria-labelledby="history-heading" reversed>
          {releases.map((release) => (
            <li>
              <ReleaseItem t={t} release={release} runs={runs.filter((run) => run.releaseId === release.id)} />
            </li>
          ))}
        </ol>
      )}
    </StudioFrame>
  );
}

function ReleaseItem({ t, release, runs }: { t: T; release: Release; runs: CourseRun[] }) {
  const { summary } = release;
  return (
    <article class="card" aria-labelledby={`release-${release.number}`}>
      <h3 id={`release-${release.number}`}>{t.t('studioContent.history.release', { number: release.number })}</h3>
      <p>
        {t.t('studioContent.history.published', {
          date: t.formatDate(release.publishedAt, { dateStyle: 'medium', timeStyle: 'short' }),
          name: release.publishedByName ?? t.t('studioContent.history.unknownPerson'),
        })}
      </p>
      {release.message && <blockquote>{release.message}</blockquote>}
      <p>
        {t.t('studioContent.pending.counts', {
          added: total(summary.added),
          changed: total(summary.changed),
          removed: total(summary.removed),
        })}
      </p>
      {summary.blocks.length > 0 && (
        <ul>
          {summary.blocks.map((block) => (
            <li>
              {block.title} ({t.t(`studioContent.change.${block.change}`)})
            </li>
          ))}
        </ul>
      )}
      <p>
        {runs.length === 0
          ? t.t('studioContent.history.noRuns')
          : t.t('studioContent.history.runs', { runs: runs.map((run) => run.code).join(', ') })}
      </p>
    </article>
  );
}

export async function historyRoutes(app: FastifyInstance): Promise<void> {
  app.get<KeyParams>('/studio/courses/:key/history', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const studio = await loadStudioCourse(request, request.params.key);
    const [releases, runs] = await Promise.all([
      listReleases(serviceContext(request), studio.course.key),
      listCourseRuns(request.server.platform.db, studio.course.id),
    ]);
    return sendPage(request, reply, {
      title: `${request.t.t('studioContent.history.heading')} · ${studio.title}`,
      body: <HistoryView t={request.t} studio={studio} releases={releases} runs={runs} notice={readNotice(request)} />,
    });
  });
}
