import type { FastifyReply } from 'fastify';
import type { MessageKey, T } from '../../messages/index.ts';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../views/forms.tsx';

/** The one-field forms that ask for an address: a reset link, a new verification link. */
export function EmailRequestForm(props: {
  t: T;
  reply: FastifyReply;
  id: string;
  action: string;
  email: string;
  errors: FieldErrors;
  submit: MessageKey;
  secondary?: boolean;
}) {
  const { t, id, errors } = props;
  return (
    <>
      <ErrorSummary t={t} errors={errors} fields={{ email: id }} />
      <form method="post" action={props.action} class="form" noValidate>
        <CsrfField reply={props.reply} />
        <TextField
          t={t}
          id={id}
          name="email"
          type="email"
          label={t.t('auth.email')}
          value={props.email}
          autocomplete="email"
          maxLength={254}
          required
          error={errors.email}
        />
        <p class="actions">
          <button type="submit" class={props.secondary ? 'button button-secondary' : 'button'}>
            {t.t(props.submit)}
          </button>
        </p>
      </form>
    </>
  );
}
