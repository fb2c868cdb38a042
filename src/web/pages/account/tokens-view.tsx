import type { FastifyReply } from 'fastify';
import type { ApiTokenSummary } from '../../../modules/identity/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../auth/forms.ts';

/** The list of personal API tokens with a revoke button each, and the form to create one. */
export function TokensSection(props: {
  t: T;
  reply: FastifyReply;
  tokens: ApiTokenSummary[];
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { t, reply, tokens, values, errors } = props;
  const ids = { name: 'token-name', expiresInDays: 'token-expiry' };
  const date = (value: Date | null, empty: MessageKey) => (value ? t.formatDate(value) : t.t(empty));
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t.t('account.tokens.title')}</h2>
      <p>{t.t('account.tokens.lead')}</p>
      {tokens.length === 0 ? (
        <p>{t.t('account.tokens.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.t('account.tokens.name')}</th>
                <th scope="col">{t.t('account.tokens.prefix')}</th>
                <th scope="col">{t.t('account.tokens.created')}</th>
                <th scope="col">{t.t('account.tokens.lastUsed')}</th>
                <th scope="col">{t.t('account.tokens.expires')}</th>
                <th scope="col">{t.t('account.tokens.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{t.formatDate(token.createdAt)}</td>
                  <td>{date(token.lastUsedAt, 'account.tokens.never')}</td>
                  <td>{date(token.expiresAt, 'account.tokens.noExpiry')}</td>
                  <td>
                    <form method="post" action={`/account/tokens/${token.uuid}/revocation`} class="inline-form">
                      <CsrfField reply={reply} />
                      <button
                        type="submit"
                        class="button button-small button-secondary"
                        aria-label={t.t('account.tokens.revokeLabel', { name: token.name })}
                      >
                        {t.t('account.tokens.revoke')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t.t('account.tokens.createTitle')}</h3>
      <ErrorSummary t={t} errors={errors} fields={ids} />
      <form method="post" action="/account/tokens" class="form" noValidate>
        <CsrfField reply={reply} />
        <TextField
          t={t}
          id={ids.name}
          name="name"
          label={t.t('account.tokens.name')}
          hint={t.t('account.tokens.nameHint')}
          value={values.name ?? ''}
          maxLength={100}
          required
          error={errors.name}
        />
        <TextField
          t={t}
          id={ids.expiresInDays}
          name="expiresInDays"
          type="number"
          label={t.t('account.tokens.expiry')}
          hint={t.t('account.tokens.expiryHint')}
          value={values.expiresInDays ?? ''}
          min={1}
          max={365}
          error={errors.expiresInDays}
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('account.tokens.create')}
          </button>
        </p>
      </form>
    </section>
  );
}
