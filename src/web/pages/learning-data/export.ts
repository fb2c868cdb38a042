import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { exportLearnerAssessment } from '../../../modules/assessment/index.ts';
import { exportLearnerCourseware } from '../../../modules/courseware/index.ts';
import { exportLearnerEnrollments } from '../../../modules/enrollment/index.ts';
import type { UserProfile } from '../../../modules/identity/index.ts';
import { iterateStatementsOfUser, openLearningDataExport, type ExportChannel } from '../../../modules/records/index.ts';
import type { Viewer } from '../../context.ts';
import { attachmentDisposition } from '../../api/packages/disposition.ts';

/**
 * One person's learning data as a JSON document: the account, then each learner module's own
 * export, then every learning record. Everything but the records is read before the first byte
 * goes out, so a failure there is an ordinary error page; the records, which can be years of
 * statements, are streamed a page at a time.
 */

export const LEARNING_DATA_FORMAT = 'orbis.learning-data';

/** `orbis-learning-data-2027-03-01.json`, dated in UTC by the platform clock. */
export function learningDataFileName(now: Date): string {
  return `orbis-learning-data-${now.toISOString().slice(0, 10)}.json`;
}

function presentAccount(profile: UserProfile) {
  return {
    id: profile.id,
    name: profile.name,
    email: profile.email,
    emailVerified: profile.emailVerified,
    locale: profile.locale,
    country: profile.country,
    bio: profile.bio,
    createdAt: profile.createdAt.toISOString(),
  };
}

/** Indents a section as a member of the top-level object, for a file people can read. */
function member(name: string, value: unknown): string {
  return `  ${JSON.stringify(name)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`;
}

async function* writeDocument(
  head: Array<[string, unknown]>,
  statementPages: AsyncIterable<unknown[]>,
): AsyncGenerator<string> {
  yield `{\n${head.map(([name, value]) => member(name, value)).join(',\n')},\n  "statements": [`;
  let first = true;
  for await (const page of statementPages) {
    const lines = page.map((statement) => `\n    ${JSON.stringify(statement)}`).join(',');
    yield `${first ? '' : ','}${lines}`;
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}

/**
 * Audits the export ('privacy.export'), reads the viewer's data and sends it as a download. Only
 * the viewer's own id is ever used to read: the export cannot name anyone else.
 */
export async function sendLearningData(
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: Viewer,
  channel: ExportChannel,
): Promise<FastifyReply> {
  const { db, clock } = request.server.platform;
  const now = clock.now();
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': attachmentDisposition(learningDataFileName(now)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  // A HEAD request only asks what the download would be: nothing is read, nothing audited.
  if (request.method === 'HEAD') return reply.headers(headers).send();
  const { userId } = await openLearningDataExport({ db, clock, actor: viewer.actor }, channel);
  const [enrollments, courseware, assessment] = [
    await exportLearnerEnrollments(db, userId),
    await exportLearnerCourseware(db, userId),
    await exportLearnerAssessment(db, userId, now),
  ];
  const head: Array<[string, unknown]> = [
    ['format', LEARNING_DATA_FORMAT],
    ['version', 1],
    ['exportedAt', now.toISOString()],
    ['account', presentAccount(viewer.profile)],
    ['enrollments', enrollments],
    ['courseware', courseware],
    ['assessment', assessment],
  ];
  const body = Readable.from(writeDocument(head, iterateStatementsOfUser(db, userId)), { objectMode: false });
  return reply.headers(headers).send(body);
}
