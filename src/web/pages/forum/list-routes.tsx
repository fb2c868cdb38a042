import type { FastifyInstance } from 'fastify';
import { THREAD_KINDS, THREAD_SORTS, listThreads, type ThreadSort } from '../../../modules/discussions/index.ts';
import { sendPage } from '../../render.tsx';
import { serviceContext } from '../learn/shared.ts';
import { loadFrame, loadTopics, sendToSignIn, topicTitle, type RunParams } from './frame.ts';
import { ThreadListPage, type ListFilters } from './list-view.tsx';
import { readNotice } from './notices.ts';

const TOPIC = /^(general|(section|block):[A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

function text(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  return typeof value === 'string' ? value.trim() : '';
}

function positiveInteger(value: string, max: number): number | undefined {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) return undefined;
  const number = Number(value);
  return number <= max ? number : undefined;
}

/**
 * The list's filters from the address. A filter that makes no sense (an unknown sort, a
 * malformed language) is ignored rather than refused: the form is a GET anyone can edit.
 */
export function readListFilters(rawQuery: unknown): ListFilters {
  const query = (rawQuery && typeof rawQuery === 'object' ? rawQuery : {}) as Record<string, unknown>;
  const topic = text(query, 'topic');
  const sort = text(query, 'sort');
  const language = text(query, 'language');
  const kind = text(query, 'kind');
  const q = text(query, 'q').slice(0, 200);
  const circle = positiveInteger(text(query, 'circle'), Number.MAX_SAFE_INTEGER);
  return {
    topic: TOPIC.test(topic) ? topic : undefined,
    sort: (THREAD_SORTS as readonly string[]).includes(sort) ? (sort as ThreadSort) : 'activity',
    language: LANGUAGE.test(language) ? language : undefined,
    kind: THREAD_KINDS.find((candidate) => candidate === kind),
    q: q || undefined,
    circle,
    page: positiveInteger(text(query, 'page'), 10_000) ?? 1,
  };
}

export async function listRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: RunParams }>('/learn/:courseKey/:runCode/forum', async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const { courseKey, runCode } = request.params;
    const filters = readListFilters(request.query);
    const { reader, ...list } = await listThreads(serviceContext(request), courseKey, runCode, filters);
    const [frame, topics] = await Promise.all([loadFrame(request, reply, reader), loadTopics(request, reader)]);
    const { t } = request;
    const title = filters.topic
      ? t.t('forum.list.titleTopic', { topic: topicTitle(t, topics, filters.topic) })
      : t.t('forum.title');
    return sendPage(request, reply, {
      title: `${title} · ${frame.courseTitle.text}`,
      body: <ThreadListPage state={{ frame, list, topics, filters, notice: readNotice(request.query) }} />,
    });
  });
}
