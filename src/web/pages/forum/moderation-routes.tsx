import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  listForumMembers,
  listModerationQueue,
  setMemberStanding,
  type ForumMember,
  type ForumReader,
} from '../../../modules/discussions/index.ts';
import { selectEnrollment } from '../../../modules/enrollment/index.ts';
import { listUserProfiles } from '../../../modules/identity/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import type { FieldErrors } from '../../views/forms.tsx';
import { serviceContext } from '../learn/shared.ts';
import { readPage } from './actions.ts';
import { formErrorsOf, optionalField, readField } from './form.ts';
import { loadFrame, pathsOf, sendToSignIn, type RunParams } from './frame.ts';
import {
  MembersPage,
  STANDING_ACTIONS,
  type ChosenLearner,
  type MembersState,
  type StandingAction,
} from './members-view.tsx';
import { ModerationPage, type QueueView } from './moderation-view.tsx';
import { readNotice, statusOfRefusal, withNotice } from './notices.ts';

type RunRequest = FastifyRequest<{ Params: RunParams }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_STANDING = { communityTa: false, mutedUntil: null, bannedAt: null, sanctionReason: null };

/**
 * The learner a moderator picked: from the members list when they have a standing, else their
 * name if they are enrolled in this run. Only asked after the service let the moderator in,
 * and it names no one outside the run.
 */
async function findChosen(
  request: FastifyRequest,
  reader: ForumReader,
  members: ForumMember[],
  userId: string,
): Promise<ChosenLearner> {
  if (!userId) return null;
  if (!UUID.test(userId)) return { found: false, userId };
  const member = members.find((candidate) => candidate.userId === userId);
  if (member) return { found: true, member };
  const { db } = request.server.platform;
  const enrollment = await selectEnrollment(db, reader.run.id, userId);
  const [profile] = enrollment ? await listUserProfiles(db, [userId]) : [];
  if (!profile) return { found: false, userId };
  return { found: true, member: { userId, name: profile.name, country: profile.country, ...NO_STANDING } };
}

async function sendMembers(
  request: RunRequest,
  reply: FastifyReply,
  userId: string,
  options: { refused?: MembersState['refused']; status?: number } = {},
): Promise<FastifyReply> {
  const { courseKey, runCode } = request.params;
  const { reader, members } = await listForumMembers(serviceContext(request), courseKey, runCode);
  const [frame, chosen] = await Promise.all([
    loadFrame(request, reply, reader),
    findChosen(request, reader, members, userId),
  ]);
  return sendPage(request, reply, {
    title: `${request.t.t('forum.members.title')} · ${frame.courseTitle.text}`,
    status: options.status,
    body: (
      <MembersPage
        state={{ frame, members, chosen, notice: readNotice(request.query), refused: options.refused ?? null }}
      />
    ),
  });
}

/** A standing form's action as the service's change. */
function toChange(action: string, hours: string, reason: string | undefined): Record<string, unknown> {
  const because = reason === undefined ? {} : { reason };
  switch (action as StandingAction) {
    case 'grant_ta':
      return { communityTa: true };
    case 'remove_ta':
      return { communityTa: false };
    case 'mute':
      return { muteHours: Number(hours), ...because };
    case 'unmute':
      return { muteHours: 0 };
    case 'ban':
      return { banned: true, ...because };
    case 'unban':
      return { banned: false };
    default:
      return {};
  }
}

export async function moderationRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: RunParams }>('/learn/:courseKey/:runCode/forum/moderation', async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    const { courseKey, runCode } = request.params;
    const query = request.query as Record<string, unknown>;
    const view: QueueView = query.view === 'hidden' ? 'hidden' : 'flagged';
    const queue = await listModerationQueue(serviceContext(request), courseKey, runCode, {
      view,
      page: readPage(query.page),
    });
    const frame = await loadFrame(request, reply, queue.reader);
    return sendPage(request, reply, {
      title: `${request.t.t('forum.moderation.title')} · ${frame.courseTitle.text}`,
      body: (
        <ModerationPage
          state={{
            frame,
            view,
            page: queue.page,
            hasMore: queue.hasMore,
            items: queue.items,
            notice: readNotice(query),
          }}
        />
      ),
    });
  });

  app.get<{ Params: RunParams }>('/learn/:courseKey/:runCode/forum/members', async (request, reply) => {
    if (sendToSignIn(request, reply)) return reply;
    return sendMembers(request, reply, readField(request.query, 'user').trim());
  });

  app.post<{ Params: RunParams }>(
    '/learn/:courseKey/:runCode/forum/members',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      if (sendToSignIn(request, reply, pathsOf(request).members())) return reply;
      const { courseKey, runCode } = request.params;
      const userId = readField(request.body, 'userId').trim();
      const action = readField(request.body, 'action');
      const hours = readField(request.body, 'hours').trim();
      const reason = optionalField(request.body, 'reason');
      // An empty number would read as 0 hours, which ends a mute: a mute form needs its hours.
      if (action === 'mute' && !/^[1-9][0-9]{0,5}$/.test(hours)) {
        const errors: FieldErrors = { hours: 'forum.field.hours.invalid' };
        if (!reason) errors.reason = 'forum.field.reason.invalid';
        const refused = { action: 'mute' as const, hours, reason: reason ?? '', errors };
        return sendMembers(request, reply, userId, { refused, status: 422 });
      }
      try {
        await setMemberStanding(serviceContext(request), courseKey, runCode, {
          userId,
          ...toChange(action, hours, reason),
        });
      } catch (error) {
        const errors = formErrorsOf(error);
        if (!errors) throw error;
        const known = STANDING_ACTIONS.find((candidate) => candidate === action) ?? 'mute';
        const refused = { action: known, hours, reason: reason ?? '', errors };
        return sendMembers(request, reply, userId, { refused, status: statusOfRefusal(error) });
      }
      return redirectTo(reply, withNotice(pathsOf(request).members(userId), { done: 'standing' }));
    },
  );
}
