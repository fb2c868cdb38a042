import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../render.tsx';
import { requireViewer } from '../account/guard.ts';
import { sendLearningData } from './export.ts';
import { LEARNING_DATA_DOWNLOAD_PATH, LEARNING_DATA_PATH, LearningDataView } from './views.tsx';

/** The learning data page and its download; both only ever show the signed-in person's own data. */
export async function learningDataRoutes(app: FastifyInstance): Promise<void> {
  app.get(LEARNING_DATA_PATH, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return sendPage(request, reply, {
      title: request.t.t('learningData.title'),
      body: <LearningDataView t={request.t} />,
    });
  });

  app.get(LEARNING_DATA_DOWNLOAD_PATH, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return sendLearningData(request, reply, viewer, 'page');
  });
}
