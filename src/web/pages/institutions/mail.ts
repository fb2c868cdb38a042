import type { FastifyRequest } from 'fastify';
import { localize, type InvitationMailComposer } from '../../../modules/institutions/index.ts';
import { roleLabel } from './shared.ts';

/** Invitation mail in the inviter's language, linking to the public address of the acceptance page. */
export function invitationMailComposer(request: FastifyRequest): InvitationMailComposer {
  const { t } = request;
  const baseUrl = request.server.platform.config.baseUrl.replace(/\/$/, '');
  return ({ token, role, institution, expiresAt }) => {
    const values = {
      institution: localize(institution.name, t.locale),
      role: roleLabel(t, role),
      url: `${baseUrl}/invitations/${token}`,
      date: t.formatDate(expiresAt),
    };
    return {
      locale: t.locale,
      subject: t.t('institutions.mail.invitation.subject', values),
      text: t.t('institutions.mail.invitation.body', values),
    };
  };
}
