import type { FastifyInstance } from 'fastify';
import { getProgress } from '../../../modules/assessment/index.ts';
import { sendPage } from '../../render.tsx';
import { pickText } from '../../views/course-card.tsx';
import { redirectAnonymous, serviceContext } from '../learn/shared.ts';
import { ProgressView } from './progress-view.tsx';

type RunParams = { Params: { courseKey: string; runCode: string } };

/** The learner's progress page: their grade, how it is made, and how far they got. */
export async function progressRoutes(app: FastifyInstance): Promise<void> {
  app.get<RunParams>('/learn/:courseKey/:runCode/progress', async (request, reply) => {
    if (redirectAnonymous(request, reply)) return reply;
    const { courseKey, runCode } = request.params;
    const progress = await getProgress(serviceContext(request), courseKey, runCode);
    const { t } = request;
    const course = pickText(progress.courseTitle, t.locale)?.text ?? progress.course.key;
    return sendPage(request, reply, {
      title: `${t.t('grades.progress.title')} · ${course}`,
      body: <ProgressView t={t} progress={progress} />,
    });
  });
}
