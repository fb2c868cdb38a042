import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  changeMemberRoles,
  inviteMember,
  listInstitutionPeople,
  listInvitations,
  removeMember,
  revokeInvitation,
  setMembershipStatus,
  updateInstitutionProfile,
  type Institution,
  type InstitutionRole,
  type MembershipStatus,
  type ProfileChanges,
} from '../../../modules/institutions/index.ts';
import { isDomainError } from '../../../platform/errors/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { invitationMailComposer } from './mail.ts';
import { ManageView, PROFILE_FIELDS, type ManageState, type ProfileValues } from './manage-view.tsx';
import {
  fieldErrorsFrom,
  loadVisibleInstitution,
  nameOf,
  readField,
  readList,
  serviceContext,
  type FieldErrors,
} from './shared.ts';
import { pickOwnEntry } from '../../http.ts';

type KeyParams = { Params: { key: string } };

const NOTICES: Record<string, { kind: 'error' | 'success'; key: MessageKey }> = {
  saved: { kind: 'success', key: 'institutions.notice.saved' },
  invited: { kind: 'success', key: 'institutions.notice.invited' },
  revoked: { kind: 'success', key: 'institutions.notice.revoked' },
  'roles-changed': { kind: 'success', key: 'institutions.notice.rolesChanged' },
  removed: { kind: 'success', key: 'institutions.notice.removed' },
  'status-changed': { kind: 'success', key: 'institutions.notice.statusChanged' },
  created: { kind: 'success', key: 'institutions.notice.created' },
  'last-admin': { kind: 'error', key: 'institutions.notice.lastAdmin' },
  gone: { kind: 'error', key: 'institutions.notice.gone' },
};

const managePath = (key: string, notice?: string) => `/institutions/${key}/manage${notice ? `?notice=${notice}` : ''}`;

/** Loads what the page needs; the services refuse anyone who may not manage the institution. */
async function renderManage(
  request: FastifyRequest,
  reply: FastifyReply,
  institution: Institution,
  extra: Partial<ManageState> & { status?: number } = {},
): Promise<FastifyReply> {
  const ctx = serviceContext(request);
  const [people, invitations] = await Promise.all([
    listInstitutionPeople(ctx, institution.id),
    listInvitations(ctx, institution.id),
  ]);
  const { t } = request;
  const state: ManageState = {
    institution,
    people,
    invitations,
    now: ctx.clock.now(),
    actor: ctx.actor!,
    notice: pickOwnEntry(NOTICES, readField(request.query, 'notice')),
    ...extra,
  };
  return sendPage(request, reply, {
    title: t.t('institutions.manage.title', { name: nameOf(institution, t) }),
    status: extra.status,
    body: <ManageView t={t} reply={reply} state={state} />,
  });
}

function readProfileValues(body: unknown): ProfileValues {
  return Object.fromEntries(PROFILE_FIELDS.map((field) => [field, readField(body, field)])) as ProfileValues;
}

function toProfileChanges(values: ProfileValues): ProfileChanges {
  return {
    name: { en: values.nameEn, 'zh-Hans': values.nameZh, ar: values.nameAr },
    shortName: values.shortName,
    city: values.city,
    website: values.website,
    logoUrl: values.logoUrl,
    description: { en: values.descriptionEn, 'zh-Hans': values.descriptionZh, ar: values.descriptionAr },
  };
}

/** Conflicts and vanished rows come back to the page as a notice rather than an error page. */
function noticeFor(error: unknown): string {
  if (isDomainError(error) && error.code === 'institution.last_admin') return 'last-admin';
  if (isDomainError(error) && error.kind === 'not_found') return 'gone';
  throw error;
}

/** Resolves the institution for a POST, or redirects an anonymous visitor to sign in. */
async function institutionForPost(
  request: FastifyRequest<KeyParams>,
  reply: FastifyReply,
): Promise<Institution | null> {
  if (!request.viewer) {
    await redirectTo(reply, `/sign-in?next=${encodeURIComponent(managePath(request.params.key))}`);
    return null;
  }
  return loadVisibleInstitution(request, request.params.key);
}

export async function manageRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };

  app.get<KeyParams>('/institutions/:key/manage', async (request, reply) => {
    if (!request.viewer)
      return redirectTo(reply, `/sign-in?next=${encodeURIComponent(managePath(request.params.key))}`);
    return renderManage(request, reply, await loadVisibleInstitution(request, request.params.key));
  });

  app.post<KeyParams>('/institutions/:key/manage', csrf, async (request, reply) => {
    const institution = await institutionForPost(request, reply);
    if (!institution) return reply;
    const values = readProfileValues(request.body);
    try {
      await updateInstitutionProfile(serviceContext(request), institution.id, toProfileChanges(values));
    } catch (error) {
      const errors: FieldErrors = fieldErrorsFrom(error);
      return renderManage(request, reply, institution, { status: 400, profile: { values, errors } });
    }
    return redirectTo(reply, managePath(institution.key, 'saved'));
  });

  app.post<KeyParams>('/institutions/:key/invitations', csrf, async (request, reply) => {
    const institution = await institutionForPost(request, reply);
    if (!institution) return reply;
    const email = readField(request.body, 'email');
    const role = readField(request.body, 'role');
    try {
      const input = { email, role: role as InstitutionRole };
      await inviteMember(serviceContext(request), institution.id, input, invitationMailComposer(request));
    } catch (error) {
      const errors = fieldErrorsFrom(error);
      return renderManage(request, reply, institution, { status: 400, invite: { email, role, errors } });
    }
    return redirectTo(reply, managePath(institution.key, 'invited'));
  });

  app.post<{ Params: { key: string; uuid: string } }>(
    '/institutions/:key/invitations/:uuid/revocation',
    csrf,
    async (request, reply) => {
      const institution = await institutionForPost(request, reply);
      if (!institution) return reply;
      const uuid = asUuid(request.params.uuid);
      const notice = await revokeInvitation(serviceContext(request), institution.id, uuid).then(
        () => 'revoked',
        noticeFor,
      );
      return redirectTo(reply, managePath(institution.key, notice));
    },
  );

  app.post<{ Params: { key: string; userId: string } }>(
    '/institutions/:key/people/:userId/roles',
    csrf,
    async (request, reply) => {
      const institution = await institutionForPost(request, reply);
      if (!institution) return reply;
      const roles = readList(request.body, 'roles') as InstitutionRole[];
      const ctx = serviceContext(request);
      const notice = await changeMemberRoles(ctx, institution.id, asUuid(request.params.userId), roles).then(
        () => 'roles-changed',
        (error: unknown) => (isDomainError(error) && error.kind === 'invalid' ? 'gone' : noticeFor(error)),
      );
      return redirectTo(reply, managePath(institution.key, notice));
    },
  );

  app.post<{ Params: { key: string; userId: string } }>(
    '/institutions/:key/people/:userId/removal',
    csrf,
    async (request, reply) => {
      const institution = await institutionForPost(request, reply);
      if (!institution) return reply;
      const ctx = serviceContext(request);
      const notice = await removeMember(ctx, institution.id, asUuid(request.params.userId)).then(
        () => 'removed',
        noticeFor,
      );
      return redirectTo(reply, managePath(institution.key, notice));
    },
  );

  app.post<KeyParams>('/institutions/:key/status', csrf, async (request, reply) => {
    const institution = await institutionForPost(request, reply);
    if (!institution) return reply;
    const status = readField(request.body, 'status') as MembershipStatus;
    await setMembershipStatus(serviceContext(request), institution.id, status);
    return redirectTo(reply, managePath(institution.key, 'status-changed'));
  });
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Ids in the address are UUIDs; anything else is swapped for one that matches nothing, so the
 * service still checks access first and then reports the row as gone.
 */
function asUuid(value: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : NIL_UUID;
}
