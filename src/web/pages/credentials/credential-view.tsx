import type { MessageKey, T } from '../../messages/index.ts';
import { Alert } from '../../views/forms.tsx';
import { CredentialActions } from './credential-actions.tsx';
import {
  MY_CREDENTIALS_PATH,
  badgePngPath,
  certificatePdfPath,
  credentialJsonPath,
  credentialJwtPath,
  type CredentialNotice,
} from './paths.ts';
import type { CredentialPageState } from './state.ts';

const NOTICE_TEXT: Record<CredentialNotice, MessageKey> = {
  public: 'credentials.notice.public',
  private: 'credentials.notice.private',
  revoked: 'credentials.notice.revoked',
};

function RevokedBanner({ t, state }: { t: T; state: CredentialPageState }) {
  const { revokedAt, revokedReason } = state.credential;
  if (!revokedAt) return null;
  // The reason is shared with the learner and the issuer's staff, never with the public.
  const showReason = (state.isOwner || state.canRevoke) && revokedReason;
  return (
    <div class="alert alert-error" role="status">
      <h2>{t.t('credentials.revoked.title')}</h2>
      <p>{t.t('credentials.revoked.text', { date: t.formatDate(revokedAt) })}</p>
      {showReason && <p>{t.t('credentials.revoked.reason', { reason: revokedReason })}</p>}
    </div>
  );
}

function Facts({ t, state }: { t: T; state: CredentialPageState }) {
  const { display, credential } = state;
  return (
    <dl class="facts">
      <dt>{t.t('credentials.field.learner')}</dt>
      <dd>{display.learnerName ?? t.t('credentials.field.unknown')}</dd>
      <dt>{t.t('credentials.field.issuer')}</dt>
      <dd>{state.issuerName}</dd>
      {display.endorsers.length > 0 && (
        <>
          <dt>{t.t('credentials.field.endorsers')}</dt>
          <dd>{display.endorsers.join(t.t('credentials.list.separator'))}</dd>
        </>
      )}
      <dt>{t.t('credentials.field.issued')}</dt>
      <dd>
        <time dateTime={credential.issuedAt.toISOString()}>{t.formatDate(credential.issuedAt)}</time>
      </dd>
      {display.result && (
        <>
          <dt>{t.t('credentials.field.result')}</dt>
          <dd>
            {display.result.percent
              ? t.t('credentials.result.percent', { value: display.result.value })
              : display.result.value}
          </dd>
        </>
      )}
      {display.creditsEarned !== null && (
        <>
          <dt>{t.t('credentials.field.credits')}</dt>
          <dd>{t.t('credentials.credits', { credits: display.creditsEarned })}</dd>
        </>
      )}
      {display.humanCode && (
        <>
          <dt>{t.t('credentials.field.code')}</dt>
          <dd>
            <code>{display.humanCode}</code>
          </dd>
        </>
      )}
      <dt>{t.t('credentials.field.status')}</dt>
      <dd>
        {credential.revokedAt
          ? t.t('credentials.status.revokedOn', { date: t.formatDate(credential.revokedAt) })
          : t.t('credentials.status.valid')}
      </dd>
    </dl>
  );
}

function Downloads({ t, uuid }: { t: T; uuid: string }) {
  return (
    <section aria-labelledby="credential-downloads">
      <h2 id="credential-downloads">{t.t('credentials.downloads.title')}</h2>
      <p>{t.t('credentials.downloads.text')}</p>
      <ul>
        <li>
          <a href={certificatePdfPath(uuid)} download>
            {t.t('credentials.downloads.pdf')}
          </a>
        </li>
        <li>
          <a href={badgePngPath(uuid)} download>
            {t.t('credentials.downloads.png')}
          </a>
        </li>
        <li>
          <a href={credentialJsonPath(uuid)} download>
            {t.t('credentials.downloads.json')}
          </a>
        </li>
        <li>
          <a href={credentialJwtPath(uuid)} download>
            {t.t('credentials.downloads.jwt')}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** A credential's page: what it certifies, who issued it, its downloads and the actions of the viewer. */
export function CredentialView({ t, state }: { t: T; state: CredentialPageState }) {
  const { display, credential } = state;
  const language = credential.language;
  return (
    <article class="credential-page">
      {state.notice && (
        <Alert kind="success">
          <p>{t.t(NOTICE_TEXT[state.notice])}</p>
        </Alert>
      )}
      <p class="meta">{t.t('credentials.page.kicker')}</p>
      <h1 lang={language}>{display.achievementName ?? credential.title}</h1>
      <p class="lead">
        {t.t('credentials.page.awardedTo', {
          learner: display.learnerName ?? t.t('credentials.field.unknown'),
          issuer: state.issuerName,
        })}
      </p>
      <RevokedBanner t={t} state={state} />
      {display.description && (
        <section aria-labelledby="credential-about">
          <h2 id="credential-about">{t.t('credentials.page.about')}</h2>
          <p lang={language}>{display.description}</p>
        </section>
      )}
      <section aria-labelledby="credential-facts">
        <h2 id="credential-facts">{t.t('credentials.page.facts')}</h2>
        <Facts t={t} state={state} />
        <p>
          <a href={state.links.verify}>{t.t('credentials.page.verify')}</a>
        </p>
      </section>
      <Downloads t={t} uuid={credential.uuid} />
      <CredentialActions t={t} state={state} />
      {state.isOwner && (
        <p>
          <a href={MY_CREDENTIALS_PATH}>{t.t('credentials.page.back')}</a>
        </p>
      )}
    </article>
  );
}
