import type { FastifyReply, FastifyRequest } from 'fastify';
import { getReleaseTree } from '../../../modules/courses/index.ts';
import { getMyStudyCircle, listStudyCircles } from '../../../modules/discussions/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { Alert } from '../../views/forms.tsx';
import { Breadcrumbs } from '../learn/parts.tsx';
import { courseTitleOf, runPath, serviceContext } from '../learn/shared.ts';
import { initialChoice } from './languages.ts';
import { LearnerCircles, type LearnerCircleData } from './learner-view.tsx';
import type { CircleNotice, CircleParams, CirclePageFrame, FailedChoice } from './shared.ts';
import { StaffCircles, type StaffCircleData } from './staff-view.tsx';

type CirclePageData = ({ kind: 'learner' } & LearnerCircleData) | ({ kind: 'staff' } & StaffCircleData);

export type CirclePageOptions = { notice?: CircleNotice; status?: number; failed?: FailedChoice };

function CirclesPage({ t, data }: { t: T; data: CirclePageData }) {
  const { title, notice } = data;
  return (
    <div class="learn-page">
      <Breadcrumbs
        t={t}
        crumbs={[
          { label: t.t('learn.my.title'), href: '/learn' },
          { label: title.text, lang: title.lang, href: runPath(data.courseKey, data.runCode) },
          { label: t.t('circles.title') },
        ]}
      />
      <h1>{t.t('circles.title')}</h1>
      {notice && (
        <Alert kind={notice.kind}>
          <p>{t.t(notice.key, notice.values)}</p>
        </Alert>
      )}
      {data.kind === 'staff' ? <StaffCircles t={t} data={data} /> : <LearnerCircles t={t} data={data} />}
    </div>
  );
}

/**
 * Loads and sends the page: staff get every circle of the run, everyone else their own circle
 * or the way to join one. Readers of the forum only; others get the forum's not_found.
 */
export async function sendCirclesPage(
  request: FastifyRequest<CircleParams>,
  reply: FastifyReply,
  options: CirclePageOptions = {},
): Promise<FastifyReply> {
  const { courseKey, runCode } = request.params;
  const { t } = request;
  const ctx = serviceContext(request);
  const view = await getMyStudyCircle(ctx, courseKey, runCode);
  const { reader } = view;
  const { metadata } = await getReleaseTree(request.server.platform.db, reader.run.releaseId);
  const frame: CirclePageFrame = {
    courseKey: reader.course.key,
    runCode: reader.run.code,
    title: courseTitleOf(metadata, reader.course.key, t.locale),
    csrf: reply.generateCsrf(),
    notice: options.notice,
  };
  let data: CirclePageData;
  if (reader.role === 'staff') {
    const { circles, waiting } = await listStudyCircles(ctx, courseKey, runCode);
    data = { kind: 'staff', ...frame, circles, waiting };
  } else {
    const preferred = request.viewer?.profile.locale ?? t.locale;
    data = {
      kind: 'learner',
      ...frame,
      view,
      choice: options.failed?.choice ?? initialChoice(view.languages, preferred),
      choiceError: options.failed?.error,
    };
  }
  return sendPage(request, reply, {
    title: `${t.t('circles.title')} · ${frame.title.text}`,
    status: options.status ?? 200,
    body: <CirclesPage t={t} data={data} />,
  });
}
