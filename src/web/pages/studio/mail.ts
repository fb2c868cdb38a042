import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { TeamInvitationMailComposer } from '../../../modules/courses/index.ts';
import { localize } from '../../../modules/institutions/index.ts';
import { teamRoleLabel } from './shared.ts';

/**
 * Team invitation mail in the inviter's language, linking to the public address of the
 * acceptance page. The HTML part is rendered by preact, so names typed by people are escaped.
 */
export function teamInvitationMailComposer(request: FastifyRequest): TeamInvitationMailComposer {
  const { t } = request;
  const baseUrl = request.server.platform.config.baseUrl.replace(/\/$/, '');
  return ({ token, role, course, institution, expiresAt }) => {
    const values = {
      course: localize(course.title, t.locale),
      institution: localize(institution.name, t.locale),
      role: teamRoleLabel(t, role),
      url: `${baseUrl}/studio/invitations/${token}`,
      date: t.formatDate(expiresAt),
    };
    const html = renderToString(
      h(
        'div',
        { lang: t.locale, dir: t.dir },
        h('p', null, t.t('studio.mail.invitation.greeting')),
        h('p', null, t.t('studio.mail.invitation.intro', values)),
        h('p', null, h('a', { href: values.url }, t.t('studio.mail.invitation.action'))),
        h('p', null, t.t('studio.mail.invitation.expiry', values)),
      ),
    );
    const mail = {
      locale: t.locale,
      subject: t.t('studio.mail.invitation.subject', values),
      text: t.t('studio.mail.invitation.body', values),
      html,
    };
    return mail;
  };
}
