import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createThread, getForumOverview } from '../../../modules/discussions/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import type { FieldErrors } from '../../views/forms.tsx';
import { serviceContext } from '../learn/shared.ts';
import { defaultLanguage } from './actions.ts';
import { formErrorsOf, optionalField, readField } from './form.ts';
import { loadFrame, pathsOf, sendToSignIn, type RunParams } from './frame.ts';
import { statusOfRefusal, withNotice } from './notices.ts';
import { NewThreadPage, type NewThreadValues } from './new-thread-view.tsx';

type RunRequest = FastifyRequest<{ Params: RunParams }>;

async function sendForm(
  request: RunRequest,
  reply: FastifyReply,
  values: (topics: string[]) => NewThreadValues,
  options: { errors?: FieldErrors; status?: number } = {},
): Promise<FastifyReply> {
  const { courseKey, runCode } = request.params;
  const { reader, topics } = await getForumOverview(serviceContext(request), courseKey, runCode);
  const frame = await loadFrame(request, reply, reader);
  const { t } = request;
  return sendPage(request, reply, {
    title: `${t.t('forum.new.title')} · ${frame.courseTitle.text}`,
    status: options.status,
    body: (
      <NewThreadPage
        state={{
          frame,
          topics,
          values: values(topics.map((topic) => topic.key)),
          errors: options.errors ?? {},
          requestKey: randomUUID(),
        }}
      />
    ),
  });
}

function readCircle(value: string): number | undefined {
  return /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : undefined;
}

export async function newThreadRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: RunParams; Querystring: Record<string, unknown> }>(
    '/learn/:courseKey/:runCode/forum/new',
    async (request, reply) => {
      if (sendToSignIn(request, reply)) return reply;
      const wanted = readField(request.query, 'topic');
      return sendForm(request, reply, (keys) => ({
        topic: keys.includes(wanted) ? wanted : 'general',
        kind: 'discussion',
        title: '',
        body: '',
        language: defaultLanguage(request),
        circleId: readCircle(readField(request.query, 'circle')),
      }));
    },
  );

  app.post<{ Params: RunParams }>(
    '/learn/:courseKey/:runCode/forum/threads',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      if (sendToSignIn(request, reply, pathsOf(request).newThread())) return reply;
      const { courseKey, runCode } = request.params;
      const body = request.body;
      const circleId = readCircle(readField(body, 'circleId'));
      const input = {
        topic: optionalField(body, 'topic'),
        kind: optionalField(body, 'kind'),
        title: readField(body, 'title'),
        body: readField(body, 'body'),
        language: optionalField(body, 'language') ?? defaultLanguage(request),
        requestKey: optionalField(body, 'requestKey'),
        ...(circleId === undefined ? {} : { circleId }),
      };
      try {
        const { threadId } = await createThread(serviceContext(request), courseKey, runCode, input);
        return redirectTo(reply, withNotice(pathsOf(request).thread(threadId), { done: 'created' }));
      } catch (error) {
        const errors = formErrorsOf(error);
        if (!errors) throw error;
        const values: NewThreadValues = {
          topic: input.topic ?? 'general',
          kind: input.kind ?? 'discussion',
          title: input.title,
          body: input.body,
          language: input.language,
          circleId,
        };
        return sendForm(request, reply, () => values, { errors, status: statusOfRefusal(error) });
      }
    },
  );
}
