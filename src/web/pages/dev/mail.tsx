import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../../platform/errors/index.ts';
import { getMail, listRecentMail, type StoredMail } from '../../../platform/mail/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { linkify } from './linkify.tsx';

const mailParams = z.object({ uuid: z.uuid() });

/** The development mailbox: what Orbis would have sent, readable in the browser. */
export async function mailboxRoutes(app: FastifyInstance): Promise<void> {
  app.get('/dev/mail', async (request, reply) => {
    const { t } = request;
    const messages = await listRecentMail(app.platform.db, { limit: 50 });
    return sendPage(request, reply, {
      title: t.t('mailbox.title'),
      body: (
        <section>
          <h1>{t.t('mailbox.title')}</h1>
          <p class="lead">{t.t('mailbox.lead')}</p>
          {messages.length === 0 ? (
            <p>{t.t('mailbox.empty')}</p>
          ) : (
            messages.map((mail) => <MailCard t={t} mail={mail} headingLevel={2} />)
          )}
        </section>
      ),
    });
  });

  app.get('/dev/mail/:uuid', async (request, reply) => {
    const { t } = request;
    const params = mailParams.safeParse(request.params);
    const mail = params.success ? await getMail(app.platform.db, params.data.uuid) : null;
    if (!mail) throw notFound('mail');
    return sendPage(request, reply, {
      title: mail.subject,
      body: (
        <section>
          <p>
            <a href="/dev/mail">{t.t('mailbox.back')}</a>
          </p>
          <MailCard t={t} mail={mail} headingLevel={1} />
        </section>
      ),
    });
  });
}

function MailCard({ t, mail, headingLevel }: { t: T; mail: StoredMail; headingLevel: 1 | 2 }) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const time = t.formatDate(mail.createdAt, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  return (
    <article class="card" aria-labelledby={`mail-${mail.uuid}`}>
      <Heading id={`mail-${mail.uuid}`}>
        {headingLevel === 2 ? <a href={`/dev/mail/${mail.uuid}`}>{mail.subject}</a> : mail.subject}
      </Heading>
      <dl class="facts">
        <dt>{t.t('mailbox.to')}</dt>
        <dd>{mail.recipient}</dd>
        <dt>{t.t('mailbox.time')}</dt>
        <dd>
          <time dateTime={mail.createdAt.toISOString()}>{time}</time>
        </dd>
        <dt>{t.t('mailbox.status')}</dt>
        <dd>
          <span class="badge">{t.t(`mailbox.status.${mail.status}`)}</span>
        </dd>
        <dt>{t.t('mailbox.kind')}</dt>
        <dd>
          <code>{mail.kind}</code>
        </dd>
        <dt>{t.t('mailbox.language')}</dt>
        <dd>{t.languageName(mail.locale)}</dd>
      </dl>
      <pre aria-label={t.t('mailbox.body')} lang={mail.locale} dir="auto">
        {linkify(mail.textBody)}
      </pre>
    </article>
  );
}
