import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  addPartnerInstitution,
  changeTeamRole,
  inviteToTeam,
  listTeam,
  listTeamInvitations,
  removePartnerInstitution,
  removeTeamMember,
  revokeTeamInvitation,
  type TeamRole,
} from '../../../modules/courses/index.ts';
import { isDomainError } from '../../../platform/errors/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { studioCoursePath } from '../../views/studio-layout.tsx';
import { teamInvitationMailComposer } from './mail.ts';
import { listAllMembers } from './new.tsx';
import {
  asId,
  asUuid,
  courseForPost,
  fieldErrorsFor,
  loadStudioCourse,
  noticeFrom,
  readField,
  redirectAnonymous,
  requireCapability,
  serviceContext,
  type FieldErrors,
  type Notice,
  type StudioCourse,
} from './shared.ts';
import { TeamView, type InviteValues } from './team-view.tsx';

type KeyParams = { Params: { key: string } };

const NOTICES: Record<string, Notice> = {
  invited: { kind: 'success', key: 'studio.notice.invited' },
  revoked: { kind: 'success', key: 'studio.notice.revoked' },
  'role-changed': { kind: 'success', key: 'studio.notice.roleChanged' },
  removed: { kind: 'success', key: 'studio.notice.removed' },
  'partner-added': { kind: 'success', key: 'studio.notice.partnerAdded' },
  'partner-removed': { kind: 'success', key: 'studio.notice.partnerRemoved' },
  joined: { kind: 'success', key: 'studio.notice.joined' },
  'last-lead': { kind: 'error', key: 'studio.notice.lastLead' },
  'already-owner': { kind: 'error', key: 'studio.notice.alreadyOwner' },
  'partner-has-team': { kind: 'error', key: 'studio.notice.partnerHasTeam' },
  'lead-not-removable': { kind: 'error', key: 'studio.notice.leadNotRemovable' },
  'not-member': { kind: 'error', key: 'studio.notice.notMember' },
  invalid: { kind: 'error', key: 'studio.notice.invalid' },
  gone: { kind: 'error', key: 'studio.notice.gone' },
};

/** Conflicts and vanished rows come back to the page as a notice rather than an error page. */
const NOTICE_BY_CODE: Record<string, string> = {
  'team.last_lead': 'last-lead',
  'course.already_owner': 'already-owner',
  'course.partner_has_team': 'partner-has-team',
  'course.lead_not_removable': 'lead-not-removable',
  'course.partner_not_member': 'not-member',
};

function noticeFor(error: unknown): string {
  if (!isDomainError(error)) throw error;
  const notice = NOTICE_BY_CODE[error.code];
  if (notice) return notice;
  if (error.kind === 'not_found') return 'gone';
  if (error.kind === 'invalid') return 'invalid';
  throw error;
}

const INVITE_MESSAGES: Record<string, MessageKey> = {
  email: 'studio.error.email',
  role: 'studio.error.role',
  institutionId: 'studio.error.institution',
};

const teamPath = (key: string, notice?: string) =>
  `${studioCoursePath(key, 'team')}${notice ? `?notice=${notice}` : ''}`;

async function renderTeam(
  request: FastifyRequest,
  reply: FastifyReply,
  studio: StudioCourse,
  invite?: { values: InviteValues; errors: FieldErrors },
  status = 200,
): Promise<FastifyReply> {
  const ctx = serviceContext(request);
  const key = studio.course.key;
  const manages = studio.capabilities.has('manage_team');
  const [members, invitations, alliance] = await Promise.all([
    listTeam(ctx, key),
    manages ? listTeamInvitations(ctx, key) : Promise.resolve([]),
    manages ? listAllMembers(request) : Promise.resolve([]),
  ]);
  const { t } = request;
  return sendPage(request, reply, {
    title: `${t.t('studio.team.title')} · ${studio.title}`,
    status,
    body: (
      <TeamView
        t={t}
        csrf={reply.generateCsrf()}
        state={{
          studio,
          members,
          invitations,
          candidates: alliance.filter((i) => !studio.course.owners.some((o) => o.institutionId === i.id)),
          notice: noticeFrom(request, NOTICES),
          invite: invite ?? {
            values: { email: '', role: 'instructor', institution: String(studio.course.leadInstitutionId) },
            errors: {},
          },
        }}
      />
    ),
  });
}

/** Loads the course for a POST that needs team management; null when it redirected to sign in. */
async function managedCourse(request: FastifyRequest<KeyParams>, reply: FastifyReply): Promise<StudioCourse | null> {
  const studio = await courseForPost(request, reply, teamPath(request.params.key));
  if (studio) requireCapability(studio, 'manage_team');
  return studio;
}

export async function teamRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };

  app.get<KeyParams>('/studio/courses/:key/team', async (request, reply) => {
    if (redirectAnonymous(request, reply, teamPath(request.params.key))) return reply;
    return renderTeam(request, reply, await loadStudioCourse(request, request.params.key));
  });

  app.post<KeyParams>('/studio/courses/:key/team/invitations', csrf, async (request, reply) => {
    const studio = await managedCourse(request, reply);
    if (!studio) return reply;
    const values: InviteValues = {
      email: readField(request.body, 'email'),
      role: readField(request.body, 'role'),
      institution: readField(request.body, 'institution'),
    };
    try {
      const input = { email: values.email, role: values.role as TeamRole, institutionId: asId(values.institution) };
      await inviteToTeam(serviceContext(request), studio.course.key, input, teamInvitationMailComposer(request));
    } catch (error) {
      if (isDomainError(error) && error.kind === 'conflict') {
        const key: MessageKey =
          error.code === 'team.already_member' ? 'studio.error.alreadyMember' : 'studio.error.alreadyInvited';
        return renderTeam(request, reply, studio, { values, errors: { email: key } }, 409);
      }
      return renderTeam(request, reply, studio, { values, errors: fieldErrorsFor(error, INVITE_MESSAGES) }, 400);
    }
    return redirectTo(reply, teamPath(studio.course.key, 'invited'));
  });

  app.post<{ Params: { key: string; uuid: string } }>(
    '/studio/courses/:key/team/invitations/:uuid/revocation',
    csrf,
    async (request, reply) => {
      const studio = await managedCourse(request, reply);
      if (!studio) return reply;
      const ctx = serviceContext(request);
      const notice = await revokeTeamInvitation(ctx, studio.course.key, asUuid(request.params.uuid)).then(
        () => 'revoked',
        noticeFor,
      );
      return redirectTo(reply, teamPath(studio.course.key, notice));
    },
  );

  app.post<{ Params: { key: string; userId: string } }>(
    '/studio/courses/:key/team/members/:userId/role',
    csrf,
    async (request, reply) => {
      const studio = await managedCourse(request, reply);
      if (!studio) return reply;
      const role = readField(request.body, 'role') as TeamRole;
      const ctx = serviceContext(request);
      const notice = await changeTeamRole(ctx, studio.course.key, request.params.userId, role).then(
        () => 'role-changed',
        noticeFor,
      );
      return redirectTo(reply, teamPath(studio.course.key, notice));
    },
  );

  app.post<{ Params: { key: string; userId: string } }>(
    '/studio/courses/:key/team/members/:userId/removal',
    csrf,
    async (request, reply) => {
      const studio = await managedCourse(request, reply);
      if (!studio) return reply;
      const ctx = serviceContext(request);
      const notice = await removeTeamMember(ctx, studio.course.key, request.params.userId).then(
        () => 'removed',
        noticeFor,
      );
      return redirectTo(reply, teamPath(studio.course.key, notice));
    },
  );

  app.post<KeyParams>('/studio/courses/:key/owners', csrf, async (request, reply) => {
    const studio = await managedCourse(request, reply);
    if (!studio) return reply;
    const institutionId = asId(readField(request.body, 'institution'));
    const ctx = serviceContext(request);
    const notice = await addPartnerInstitution(ctx, studio.course.key, institutionId).then(
      () => 'partner-added',
      noticeFor,
    );
    return redirectTo(reply, teamPath(studio.course.key, notice));
  });

  app.post<{ Params: { key: string; institutionId: string } }>(
    '/studio/courses/:key/owners/:institutionId/removal',
    csrf,
    async (request, reply) => {
      const studio = await managedCourse(request, reply);
      if (!studio) return reply;
      const institutionId = asId(request.params.institutionId);
      const ctx = serviceContext(request);
      const notice = await removePartnerInstitution(ctx, studio.course.key, institutionId).then(
        () => 'partner-removed',
        noticeFor,
      );
      return redirectTo(reply, teamPath(studio.course.key, notice));
    },
  );
}
