import type { FastifyReply } from 'fastify';
import type { T } from '../../messages/index.ts';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../views/forms.tsx';

export type OutlineFailure = { form: string; values: Record<string, string>; errors: FieldErrors };

/** Rename in place: one field and a button, posting the new title to the item's address. */
export function RenameForm(props: {
  t: T;
  reply: FastifyReply;
  action: string;
  id: string;
  title: string;
  failure?: OutlineFailure | undefined;
}) {
  const { t, reply, action, id } = props;
  const failure = props.failure?.form === id ? props.failure : undefined;
  return (
    <form method="post" action={action} class="form inline-form" novalidate>
      <CsrfField reply={reply} />
      {failure && <ErrorSummary t={t} errors={failure.errors} fields={{ title: id }} />}
      <TextField
        t={t}
        id={id}
        name="title"
        label={t.t('studioContent.rename.label', { title: props.title })}
        maxLength={200}
        value={failure?.values.title ?? props.title}
        error={failure?.errors.title}
      />
      <button type="submit" class="button button-small">
        {t.t('studioContent.rename.submit')}
      </button>
    </form>
  );
}

/** Up and down, each its own small form so they work without JavaScript. */
export function MoveButtons(props: {
  t: T;
  reply: FastifyReply;
  action: string;
  title: string;
  index: number;
  count: number;
}) {
  const { t, reply, action, title, index, count } = props;
  return (
    <span class="move-buttons">
      {index > 0 && (
        <form method="post" action={action} class="inline-form">
          <CsrfField reply={reply} />
          <input type="hidden" name="direction" value="up" />
          <button
            type="submit"
            class="button button-small button-secondary"
            aria-label={t.t('studioContent.move.upOf', { title })}
          >
            {t.t('studioContent.move.up')}
          </button>
        </form>
      )}
      {index < count - 1 && (
        <form method="post" action={action} class="inline-form">
          <CsrfField reply={reply} />
          <input type="hidden" name="direction" value="down" />
          <button
            type="submit"
            class="button button-small button-secondary"
            aria-label={t.t('studioContent.move.downOf', { title })}
          >
            {t.t('studioContent.move.down')}
          </button>
        </form>
      )}
    </span>
  );
}
