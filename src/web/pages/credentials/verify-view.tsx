import type { MessageKey, T } from '../../messages/index.ts';
import { Alert } from '../../views/forms.tsx';
import { VERIFY_PATH } from './paths.ts';

export const MAX_TEXT_BYTES = 256 * 1024;
export const MAX_PNG_BYTES = 2 * 1024 * 1024;

export type VerifyFormState = {
  /** What was wrong with the last submission, shown above both forms. */
  error?: MessageKey | undefined;
  /** Which form the error belongs to, so its field is marked. */
  field?: 'credential' | 'badge' | undefined;
};

/**
 * Two forms that post to the same address: pasted text (JSON or a JWT) as an ordinary form, and
 * a baked badge image as a file upload. Both work without JavaScript.
 */
export function VerifyFormView({ t, state }: { t: T; state: VerifyFormState }) {
  const textInvalid = state.field === 'credential';
  const fileInvalid = state.field === 'badge';
  return (
    <>
      <h1>{t.t('credentials.verify.title')}</h1>
      <p class="lead">{t.t('credentials.verify.lead')}</p>
      {state.error && (
        <Alert kind="error">
          <p id="verify-error">{t.t(state.error)}</p>
        </Alert>
      )}
      <section aria-labelledby="verify-paste">
        <h2 id="verify-paste">{t.t('credentials.verify.paste.title')}</h2>
        <form method="post" action={VERIFY_PATH} class="form">
          <div class="field">
            <label for="verify-credential">{t.t('credentials.verify.paste.label')}</label>
            <span class="hint" id="verify-credential-hint">
              {t.t('credentials.verify.paste.hint')}
            </span>
            <textarea
              id="verify-credential"
              name="credential"
              rows={10}
              dir="ltr"
              spellcheck={false}
              autocomplete="off"
              aria-invalid={textInvalid ? 'true' : undefined}
              aria-describedby={textInvalid ? 'verify-credential-hint verify-error' : 'verify-credential-hint'}
            ></textarea>
          </div>
          <p class="actions">
            <button type="submit" class="button button-primary">
              {t.t('credentials.verify.submit')}
            </button>
          </p>
        </form>
      </section>
      <section aria-labelledby="verify-upload">
        <h2 id="verify-upload">{t.t('credentials.verify.upload.title')}</h2>
        <form method="post" action={VERIFY_PATH} enctype="multipart/form-data" class="form">
          <div class="field">
            <label for="verify-badge">{t.t('credentials.verify.upload.label')}</label>
            <span class="hint" id="verify-badge-hint">
              {t.t('credentials.verify.upload.hint')}
            </span>
            <input
              id="verify-badge"
              name="badge"
              type="file"
              accept="image/png"
              aria-invalid={fileInvalid ? 'true' : undefined}
              aria-describedby={fileInvalid ? 'verify-badge-hint verify-error' : 'verify-badge-hint'}
            />
          </div>
          <p class="actions">
            <button type="submit" class="button button-primary">
              {t.t('credentials.verify.upload.submit')}
            </button>
          </p>
        </form>
      </section>
      <section aria-labelledby="verify-how">
        <h2 id="verify-how">{t.t('credentials.verify.how.title')}</h2>
        <p>{t.t('credentials.verify.how.text')}</p>
      </section>
    </>
  );
}
