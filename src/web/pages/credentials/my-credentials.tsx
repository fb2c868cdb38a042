import type { FastifyInstance } from 'fastify';
import { listMyCredentials, type CredentialSummary } from '../../../modules/credentials/index.ts';
import { listInstitutionsByIds, localize } from '../../../modules/institutions/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { requireViewer, serviceContextOf } from '../account/guard.ts';
import {
  CATALOG_PATH,
  LEARNER_RECORD_CLR_PATH,
  LEARNER_RECORD_JSON_PATH,
  MY_CREDENTIALS_PATH,
  VERIFY_PATH,
  credentialPath,
} from './paths.ts';

export type MyCredentialRow = CredentialSummary & { issuerName: string };

/** The signed-in learner's credentials, newest first, with each issuer's name in the page's language. */
export async function myCredentialRoutes(app: FastifyInstance): Promise<void> {
  app.get(MY_CREDENTIALS_PATH, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = serviceContextOf(request, viewer);
    const credentials = await listMyCredentials(ctx);
    const ids = [...new Set(credentials.map((credential) => credential.institutionId))];
    const institutions = ids.length > 0 ? await listInstitutionsByIds(ctx.db, ids) : [];
    const names = new Map(institutions.map((item) => [item.id, localize(item.name, request.t.locale)]));
    const rows = credentials.map((credential) => ({
      ...credential,
      issuerName: names.get(credential.institutionId) ?? '',
    }));
    return sendPage(request, reply, {
      title: request.t.t('credentials.mine.title'),
      body: <MyCredentialsView t={request.t} rows={rows} />,
    });
  });
}

function StatusCell({ t, row }: { t: T; row: MyCredentialRow }) {
  if (row.revokedAt) return <>{t.t('credentials.status.revokedOn', { date: t.formatDate(row.revokedAt) })}</>;
  return <>{t.t('credentials.status.valid')}</>;
}

export function MyCredentialsView({ t, rows }: { t: T; rows: MyCredentialRow[] }) {
  return (
    <>
      <h1>{t.t('credentials.mine.title')}</h1>
      <p class="lead">{t.t('credentials.mine.lead')}</p>
      {rows.length === 0 ? (
        <section aria-labelledby="credentials-empty">
          <h2 id="credentials-empty">{t.t('credentials.mine.empty.title')}</h2>
          <p>{t.t('credentials.mine.empty.text')}</p>
          <p class="actions">
            <a class="button button-primary" href={CATALOG_PATH}>
              {t.t('credentials.mine.empty.catalog')}
            </a>
          </p>
        </section>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.t('credentials.mine.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('credentials.field.title')}</th>
                <th scope="col">{t.t('credentials.field.issuer')}</th>
                <th scope="col">{t.t('credentials.field.issued')}</th>
                <th scope="col">{t.t('credentials.field.status')}</th>
                <th scope="col">{t.t('credentials.field.visibility')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={credentialPath(row.uuid)} lang={row.language}>
                      {row.title}
                    </a>
                  </th>
                  <td>{row.issuerName}</td>
                  <td>{t.formatDate(row.issuedAt)}</td>
                  <td>
                    <StatusCell t={t} row={row} />
                  </td>
                  <td>{t.t(row.public ? 'credentials.visibility.public' : 'credentials.visibility.private')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 && (
        <section aria-labelledby="learner-record-title">
          <h2 id="learner-record-title">{t.t('credentials.record.title')}</h2>
          <p>{t.t('credentials.record.text')}</p>
          <ul>
            <li>
              <a href={LEARNER_RECORD_CLR_PATH} download>
                {t.t('credentials.record.clr')}
              </a>
            </li>
            <li>
              <a href={LEARNER_RECORD_JSON_PATH} download>
                {t.t('credentials.record.json')}
              </a>
            </li>
          </ul>
        </section>
      )}
      <p>
        <a href={VERIFY_PATH}>{t.t('credentials.mine.verifyLink')}</a>
      </p>
    </>
  );
}

/** A pointer to the learner's credentials, for the account page. */
export function CredentialsAccountSection({ t }: { t: T }) {
  return (
    <section aria-labelledby="credentials-account-title">
      <h2 id="credentials-account-title">{t.t('credentials.account.title')}</h2>
      <p>{t.t('credentials.account.text')}</p>
      <p>
        <a href={MY_CREDENTIALS_PATH}>{t.t('credentials.account.link')}</a>
      </p>
    </section>
  );
}
