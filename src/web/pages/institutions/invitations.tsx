import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptInvitation, getInvitationByToken, type InvitationPreview } from '../../../modules/institutions/index.ts';
import { isDomainError, notFound } from '../../../platform/errors/index.ts';
import type { T } from '../../messages/index.ts';
import type { Viewer } from '../../context.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { Alert, CsrfField } from '../../views/forms.tsx';
import { nameOf, roleLabel, serviceContext } from './shared.ts';

type TokenParams = { Params: { token: string } };

/** Tokens are base64url; anything else cannot be one and is not worth a query. */
const isTokenShaped = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

async function loadPreview(request: FastifyRequest<TokenParams>): Promise<InvitationPreview> {
  const { db, clock } = request.server.platform;
  const preview = isTokenShaped(request.params.token)
    ? await getInvitationByToken(db, request.params.token, clock.now())
    : null;
  if (!preview) throw notFound('invitation');
  return preview;
}

function renderInvitation(
  request: FastifyRequest<TokenParams>,
  reply: FastifyReply,
  preview: InvitationPreview,
  status = 200,
): FastifyReply {
  const { t } = request;
  const institution = nameOf(preview.institution, t);
  return sendPage(request, reply, {
    title: t.t('institutions.invitation.title', { institution }),
    status,
    body: <InvitationView t={t} reply={reply} viewer={request.viewer} preview={preview} token={request.params.token} />,
  });
}

export async function invitationRoutes(app: FastifyInstance): Promise<void> {
  app.get<TokenParams>('/invitations/:token', async (request, reply) => {
    // The address carries a secret: keep it out of Referer headers sent to other sites.
    reply.header('referrer-policy', 'no-referrer');
    return renderInvitation(request, reply, await loadPreview(request));
  });

  app.post<TokenParams>(
    '/invitations/:token/acceptance',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      const back = `/invitations/${request.params.token}`;
      if (!request.viewer) return redirectTo(reply, `/sign-in?next=${encodeURIComponent(back)}`);
      const preview = await loadPreview(request);
      try {
        const accepted = await acceptInvitation(serviceContext(request), request.params.token);
        return redirectTo(reply, `/institutions/${accepted.institutionKey}?welcome=1`);
      } catch (error) {
        if (isDomainError(error) && (error.kind === 'conflict' || error.kind === 'forbidden')) {
          return renderInvitation(request, reply, preview, error.kind === 'conflict' ? 409 : 403);
        }
        throw error;
      }
    },
  );
}

type ViewProps = { t: T; reply: FastifyReply; viewer: Viewer | null; preview: InvitationPreview; token: string };

function InvitationView({ t, reply, viewer, preview, token }: ViewProps) {
  const institution = nameOf(preview.institution, t);
  const { invitation } = preview;
  const next = encodeURIComponent(`/invitations/${token}`);
  const addressedToViewer = viewer?.profile.email.toLowerCase() === invitation.email.toLowerCase();
  return (
    <>
      <h1>{t.t('institutions.invitation.title', { institution })}</h1>
      {preview.state !== 'pending' ? (
        <Alert kind="error">
          <p>{t.t(`institutions.invitation.${preview.state}`)}</p>
        </Alert>
      ) : (
        <>
          <p class="lead">
            {t.t('institutions.invitation.body', { institution, role: roleLabel(t, invitation.role) })}
          </p>
          <p>
            {t.t('institutions.invitation.sentTo', {
              email: invitation.email,
              date: t.formatDate(invitation.expiresAt),
            })}
          </p>
          {!viewer && (
            <>
              <p>{t.t('institutions.invitation.signInFirst')}</p>
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
              <p>{t.t('institutions.invitation.otherEmail', { email: viewer.profile.email })}</p>
            </Alert>
          )}
          {viewer && addressedToViewer && (
            <form method="post" action={`/invitations/${token}/acceptance`} class="form">
              <CsrfField reply={reply} />
              <button type="submit" class="button">
                {t.t('institutions.invitation.accept')}
              </button>
            </form>
          )}
        </>
      )}
    </>
  );
}
