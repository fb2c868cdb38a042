import type { FastifyReply } from 'fastify';
import type { IssuerKeySummary } from '../../../modules/credentials/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { Alert } from '../../views/forms.tsx';
import { nameOf } from '../institutions/shared.ts';
import { didDocumentPath, jwksPath, managePath, type KeyNotice } from './access.ts';
import { CompromiseSection, RotateForm } from './key-forms.tsx';
import type { KeysPageState } from './state.ts';

const NOTICE_TEXT: Record<KeyNotice, MessageKey> = {
  rotated: 'issuerKeys.notice.rotated',
  compromised: 'issuerKeys.notice.compromised',
  'compromised-replaced': 'issuerKeys.notice.compromisedReplaced',
};

/** Key events happen minutes apart, so the time matters; UTC, as the compromise form asks for it. */
const MOMENT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
};

function Moment({ t, date }: { t: T; date: Date }) {
  return <time dateTime={date.toISOString()}>{t.formatDate(date, MOMENT)}</time>;
}

/** Enough of a multibase key to tell keys apart at a glance. */
export function shortenKey(value: string): string {
  return value.length <= 20 ? value : `${value.slice(0, 12)}…${value.slice(-6)}`;
}

/**
 * Identifiers have no spaces, so a table cell cannot wrap them; break opportunities after each
 * separator (or every few characters of a key) keep the table narrow, and copying still yields
 * the identifier unchanged.
 */
export function Breakable({ text, every }: { text: string; every?: number }) {
  const parts = every ? (text.match(new RegExp(`.{1,${every}}`, 'g')) ?? []) : text.split(/(?<=[:#])/);
  return (
    <code dir="ltr">
      {parts.map((part, index) => (
        <>
          {index > 0 && <wbr />}
          {part}
        </>
      ))}
    </code>
  );
}

function KeyStatus({ t, keySummary }: { t: T; keySummary: IssuerKeySummary }) {
  const { compromisedAt, compromisedReason, retiredAt } = keySummary;
  if (compromisedAt) {
    return (
      <>
        <strong>{t.t('issuerKeys.status.compromised', { date: t.formatDate(compromisedAt, MOMENT) })}</strong>
        {/* The reason is in whatever language the admin wrote it: isolated, so it reads right in either direction. */}
        {compromisedReason && (
          <p>
            {t.t('issuerKeys.status.reason')} <bdi>{compromisedReason}</bdi>
          </p>
        )}
      </>
    );
  }
  if (retiredAt) return <>{t.t('issuerKeys.status.retired', { date: t.formatDate(retiredAt, MOMENT) })}</>;
  return <>{t.t('issuerKeys.status.active')}</>;
}

function KeyRow({ t, keySummary }: { t: T; keySummary: IssuerKeySummary }) {
  const { number, publicKeyMultibase } = keySummary;
  return (
    <tr id={`key-${number}`}>
      <th scope="row">{t.t('issuerKeys.number', { number })}</th>
      <td>
        <KeyStatus t={t} keySummary={keySummary} />
      </td>
      <td>
        <Moment t={t} date={keySummary.createdAt} />
      </td>
      <td>
        <details>
          <summary>
            <code dir="ltr">{shortenKey(publicKeyMultibase)}</code>
            <span class="visually-hidden"> {t.t('issuerKeys.publicKey.show', { number })}</span>
          </summary>
          <Breakable text={publicKeyMultibase} every={16} />
        </details>
      </td>
      <td>
        <Breakable text={keySummary.verificationMethod} />
      </td>
    </tr>
  );
}

function KeyTable({ t, state }: { t: T; state: KeysPageState }) {
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t.t('issuerKeys.list.title')}</h2>
      {state.keys.length === 0 ? (
        <p>{t.t('issuerKeys.list.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t.t('issuerKeys.list.caption', { name: nameOf(state.institution, t) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('issuerKeys.column.number')}</th>
                <th scope="col">{t.t('issuerKeys.column.status')}</th>
                <th scope="col">{t.t('issuerKeys.column.created')}</th>
                <th scope="col">{t.t('issuerKeys.column.publicKey')}</th>
                <th scope="col">{t.t('issuerKeys.column.method')}</th>
              </tr>
            </thead>
            <tbody>
              {state.keys.map((key) => (
                <KeyRow t={t} keySummary={key} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Identity({ t, state }: { t: T; state: KeysPageState }) {
  const { key } = state.institution;
  return (
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading">{t.t('issuerKeys.identity.title')}</h2>
      <dl class="facts">
        <dt>{t.t('issuerKeys.identity.did')}</dt>
        <dd>
          <Breakable text={state.did} />
        </dd>
        <dt>{t.t('issuerKeys.identity.documents')}</dt>
        <dd>
          <ul>
            <li>
              <a href={didDocumentPath(key)}>{t.t('issuerKeys.identity.didDocument')}</a>
            </li>
            <li>
              <a href={jwksPath(key)}>{t.t('issuerKeys.identity.jwks')}</a>
            </li>
          </ul>
          {state.keys.length === 0 && <p>{t.t('issuerKeys.identity.unpublished')}</p>}
        </dd>
      </dl>
    </section>
  );
}

function Explanation({ t }: { t: T }) {
  return (
    <section aria-labelledby="help-heading">
      <h2 id="help-heading">{t.t('issuerKeys.help.title')}</h2>
      <p>{t.t('issuerKeys.help.rotate')}</p>
      <p>{t.t('issuerKeys.help.compromised')}</p>
    </section>
  );
}

export function KeysView({ t, reply, state }: { t: T; reply: FastifyReply; state: KeysPageState }) {
  const name = nameOf(state.institution, t);
  return (
    <>
      <h1>{t.t('issuerKeys.title', { name })}</h1>
      <p>
        <a href={managePath(state.institution.key)}>{t.t('issuerKeys.back', { name })}</a>
      </p>
      {state.notice && (
        <Alert kind="success">
          <p>{t.t(NOTICE_TEXT[state.notice])}</p>
        </Alert>
      )}
      <p class="lead">{t.t('issuerKeys.lead', { name })}</p>
      <Identity t={t} state={state} />
      <Explanation t={t} />
      <KeyTable t={t} state={state} />
      <RotateForm t={t} reply={reply} state={state} />
      <CompromiseSection t={t} reply={reply} state={state} />
    </>
  );
}
