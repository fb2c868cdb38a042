import type { FastifyInstance } from 'fastify';
import { exportClrLearnerRecord, exportPlainLearnerRecord } from '../../../modules/credentials/index.ts';
import { attachmentDisposition } from '../../api/packages/disposition.ts';
import { requireViewer, serviceContextOf } from '../account/guard.ts';
import { LEARNER_RECORD_CLR_PATH, LEARNER_RECORD_JSON_PATH } from './paths.ts';

/**
 * The learner's whole record, downloaded from "My credentials": one CLR 2.0 credential signed by
 * the platform (for wallets and registrars), or the same facts as plain JSON.
 */
export async function learnerRecordRoutes(app: FastifyInstance): Promise<void> {
  app.get(LEARNER_RECORD_CLR_PATH, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const record = await exportClrLearnerRecord(serviceContextOf(request, viewer));
    return reply
      .header('content-type', 'application/vc+ld+json; charset=utf-8')
      .header('content-disposition', attachmentDisposition('learner-record.clr.json'))
      .header('cache-control', 'no-store')
      .send(JSON.stringify(record.credential, null, 2));
  });
  app.get(LEARNER_RECORD_JSON_PATH, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const record = await exportPlainLearnerRecord(serviceContextOf(request, viewer));
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', attachmentDisposition('learner-record.json'))
      .header('cache-control', 'no-store')
      .send(JSON.stringify(record, null, 2));
  });
}
