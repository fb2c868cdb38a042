import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  acceptTeamInvitation,
  declineTeamInvitation,
  getTeamInvitationByToken,
  type TeamInvitationSummary,
} from '../../../modules/courses/index.ts';
import { isDomainError, notFound } from '../../../platform/errors/index.ts';
import type { Viewer } from '../../context.ts';
import type { T } from '../../messages/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { Alert, CsrfField } from '../../views/forms.tsx';
import { studioCoursePath } from '../../views/studio-layout.tsx';
import { formatDay } from './fields.tsx';
import { asUuid, localized, redirectAnonymous, serviceContext, teamRoleLabel } from './shared.ts';

type IdParams = { Params: { id: string } };

/** Tokens are base64url; anything else cannot be one and is not worth a query. */
const isTokenShaped = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);
const isUuidShaped = (value: string) => asUuid(value) === value && value !== '00000000-0000-0000-0000-000000000000';

async function loadPreview(request: FastifyRequest<IdParams>): Promise<TeamInvitationSummary> {
  const { db, clock } = request.server.platform;
  const token = request.params.id;
  const preview = isTokenShaped(token) ? await getTeamInvitationByToken(db, token, clock.now()) : null;
  if (!preview) throw notFound('invitation');
  return preview;
}

type Problem = 'other-email' | 'not-allowed' | 'answered' | null;

function renderInvitation(
  request: FastifyRequest<IdParams>,
  reply: FastifyReply,
  preview: TeamInvitationSummary,
  problem: Problem = null,
  status = 200,
): FastifyReply {
  const { t } = request;
  return sendPage(request, reply, {
    title: t.t('studio.invitation.title', { course: localized(preview.courseTitle, t) }),
    status,
    body: (
      <InvitationView
        t={t}
        reply={reply}
        viewer={request.viewer}
        preview={preview}
        token={request.params.id}
        problem={problem}
      />
    ),
  });
}

/** What an answer from the studio list becomes when it cannot be carried out. */
function studioNoticeFor(error: unknown): string {
  if (isDomainError(error) && (error.kind === 'not_found' || error.kind === 'conflict')) return 'gone';
  if (isDomainError(error) && error.kind === 'forbidden') return 'not-allowed';
  throw error;
}

export async function studioInvitationRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };

  app.get<IdParams>('/studio/invitations/:id', async (request, reply) => {
    // The address carries a secret: keep it out of Referer headers sent to other sites.
    reply.header('referrer-policy', 'no-referrer');
    return renderInvitation(request, reply, await loadPreview(request));
  });

  // Answers either a mail link (token, with its own page) or the studio list (invitation uuid).
  app.post<IdParams>('/studio/invitations/:id/acceptance', csrf, async (request, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    const { id } = request.params;
    const fromStudio = isUuidShaped(id);
    if (redirectAnonymous(request, reply, fromStudio ? '/studio' : `/studio/invitations/${id}`)) return reply;
    if (fromStudio) {
      const notice = await acceptTeamInvitation(serviceContext(request), id).then(
        (accepted) => ({ path: `${studioCoursePath(accepted.courseKey)}?welcome=1` }),
        (error: unknown) => ({ path: `/studio?notice=${studioNoticeFor(error)}` }),
      );
      return redirectTo(reply, notice.path);
    }
    const preview = await loadPreview(request);
    try {
      const accepted = await acceptTeamInvitation(serviceContext(request), id);
      return redirectTo(reply, `${studioCoursePath(accepted.courseKey, 'team')}?notice=joined`);
    } catch (error) {
      if (!isDomainError(error) || (error.kind !== 'conflict' && error.kind !== 'forbidden')) throw error;
      if (error.kind === 'conflict') return renderInvitation(request, reply, preview, 'answered', 409);
      const addressed = request.viewer?.profile.email.toLowerCase() === preview.email.toLowerCase();
      return renderInvitation(request, reply, preview, addressed ? 'not-allowed' : 'other-email', 403);
    }
  });

  app.post<IdParams>('/studio/invitations/:id/refusal', csrf, async (request, reply) => {
    if (redirectAnonymous(request, reply, '/studio')) return reply;
    const notice = await declineTeamInvitation(serviceContext(request), asUuid(request.params.id)).then(
      () => 'declined',
      studioNoticeFor,
    );
    return redirectTo(reply, `/studio?notice=${notice}`);
  });
}

type ViewProps = {
  t: T;
  reply: FastifyReply;
  viewer: Viewer | null;
  preview: TeamInvitationSummary;
  token: string;
  problem: Problem;
};

function InvitationView({ t, reply, viewer, preview, token, problem }: ViewProps) {
  const course = localized(preview.courseTitle, t);
  const institution = localized(preview.institution.name, t);
  const next = encodeURIComponent(`/studio/invitations/${token}`);
  const addressedToViewer = viewer?.profile.email.toLowerCase() === preview.email.toLowerCase();
  return (
    <>
      <h1>{t.t('studio.invitation.title', { course })}</h1>
      {preview.state !== 'pending' ? (
        <Alert kind="error">
          <p>{t.t(`studio.invitation.state.${preview.state}`)}</p>
        </Alert>
      ) : (
        <>
          <p class="lead">
            {t.t('studio.invitation.body', { course, institution, role: teamRoleLabel(t, preview.role) })}
          </p>
          <p>{t.t('studio.invitation.sentTo', { email: preview.email, date: formatDay(t, preview.expiresAt) })}</p>
          {problem === 'not-allowed' && (
            <Alert kind="error">
              <p>{t.t('studio.invitation.notAllowed', { institution })}</p>
            </Alert>
          )}
          {problem === 'answered' && (
            <Alert kind="error">
              <p>{t.t('studio.invitation.answered')}</p>
            </Alert>
          )}
          {!viewer && (
            <>
              <p>{t.t('studio.invitation.signInFirst')}</p>
              <p class="actions">
                <a class="button" href={`/sign-in?next=${next}`}>
                  {t.t('nav.signIn')}
                </a>
                <a class="button button-secondary" href={`/sign-up?next=${next}`}>
                  {t.t('nav.signUp')}
                </a>
              </p>
            </>
          )}
          {viewer && !addressedToViewer && (
            <Alert kind="error">
              <p>{t.t('studio.invitation.otherEmail', { email: viewer.profile.email })}</p>
            </Alert>
          )}
          {viewer && addressedToViewer && (
            <form method="post" action={`/studio/invitations/${token}/acceptance`} class="form">
              <CsrfField reply={reply} />
              <button type="submit" class="button">
                {t.t('studio.invitation.accept')}
              </button>
            </form>
          )}
        </>
      )}
    </>
  );
}
