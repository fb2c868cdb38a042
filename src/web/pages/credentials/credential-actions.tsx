import type { T } from '../../messages/index.ts';
import { Alert, TextAreaField } from '../../views/forms.tsx';
import type { CredentialPageState } from './state.ts';
import { revokePath, visibilityPath } from './paths.ts';

export const REVOKE_REASON_MAX = 500;

function CopyField({ t, id, label, value }: { t: T; id: string; label: string; value: string }) {
  return (
    <div class="field" data-island="copy-text">
      <label for={id}>{label}</label>
      <input id={id} type="url" value={value} readOnly spellcheck={false} autocomplete="off" dir="ltr" />
      <p class="actions">
        <button
          type="button"
          class="button button-secondary button-small"
          data-copy
          hidden
          data-copied-text={t.t('credentials.share.copied')}
        >
          {t.t('credentials.share.copy')}
        </button>
        <span data-copy-status aria-live="polite"></span>
      </p>
    </div>
  );
}

/** The learner decides who sees the credential; share links appear only once it is public. */
function Sharing({ t, state }: { t: T; state: CredentialPageState }) {
  const { credential, links, errors } = state;
  const isPublic = credential.public;
  return (
    <section aria-labelledby="credential-sharing">
      <h2 id="credential-sharing">{t.t('credentials.share.title')}</h2>
      {errors?.visibility && (
        <Alert kind="error">
          <p>{t.t(errors.visibility)}</p>
        </Alert>
      )}
      <p>{t.t(isPublic ? 'credentials.share.isPublic' : 'credentials.share.isPrivate')}</p>
      <form method="post" action={visibilityPath(credential.uuid)} class="inline-form">
        <input type="hidden" name="_csrf" value={state.csrf} />
        <input type="hidden" name="public" value={isPublic ? 'false' : 'true'} />
        <button type="submit" class={isPublic ? 'button button-secondary' : 'button button-primary'}>
          {t.t(isPublic ? 'credentials.share.makePrivate' : 'credentials.share.makePublic')}
        </button>
      </form>
      {isPublic && (
        <>
          <CopyField t={t} id="credential-public-link" label={t.t('credentials.share.publicLink')} value={links.page} />
          <CopyField
            t={t}
            id="credential-verify-link"
            label={t.t('credentials.share.verifyLink')}
            value={links.verify}
          />
          <p>
            <a class="button button-secondary" href={links.linkedIn} rel="noopener noreferrer" target="_blank">
              {t.t('credentials.share.linkedIn')}
              <span class="visually-hidden"> {t.t('credentials.share.newWindow')}</span>
            </a>
          </p>
        </>
      )}
    </section>
  );
}

/** The awarding institution's admins and registrars revoke, with a reason kept in the audit log. */
function Revocation({ t, state }: { t: T; state: CredentialPageState }) {
  const { credential, errors } = state;
  const refusal = errors?.revoke && (
    <Alert kind="error">
      <p>{t.t(errors.revoke)}</p>
    </Alert>
  );
  // Someone else may have revoked it meanwhile: then only the refusal is left to show.
  if (credential.revokedAt) return refusal || null;
  return (
    <section aria-labelledby="credential-revoke">
      <h2 id="credential-revoke">{t.t('credentials.revoke.title')}</h2>
      <p>{t.t('credentials.revoke.text')}</p>
      {refusal}
      {errors?.reason && (
        <div class="alert alert-error" role="alert">
          <p>{t.t('form.errorSummary')}</p>
          <ul>
            <li>
              <a href="#revoke-reason">{t.t(errors.reason)}</a>
            </li>
          </ul>
        </div>
      )}
      <form method="post" action={revokePath(credential.uuid)} class="form">
        <input type="hidden" name="_csrf" value={state.csrf} />
        <TextAreaField
          t={t}
          id="revoke-reason"
          name="reason"
          label={t.t('credentials.revoke.reason')}
          hint={t.t('credentials.revoke.reasonHint')}
          required
          rows={3}
          maxLength={REVOKE_REASON_MAX}
          value={errors?.reasonValue ?? ''}
          error={errors?.reason}
        />
        <p class="actions">
          <button type="submit" class="button button-danger">
            {t.t('credentials.revoke.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

export function CredentialActions({ t, state }: { t: T; state: CredentialPageState }) {
  return (
    <>
      {state.isOwner && <Sharing t={t} state={state} />}
      {state.canRevoke && <Revocation t={t} state={state} />}
    </>
  );
}
