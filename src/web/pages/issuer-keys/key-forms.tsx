import type { FastifyReply } from 'fastify';
import type { IssuerKeySummary } from '../../../modules/credentials/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { CsrfField, ErrorSummary, TextAreaField } from '../../views/forms.tsx';
import { compromisedPath, rotatePath } from './access.ts';
import { REASON_MAX, formatUtcDateTime, type CompromiseErrors, type CompromiseValues } from './compromise-input.ts';
import type { KeysPageState } from './state.ts';

type FormProps = { t: T; reply: FastifyReply; state: KeysPageState };

/** Says on the button what happens, so pressing it is the confirmation. */
export function RotateForm({ t, reply, state }: FormProps) {
  const { keys, institution } = state;
  const active = keys.find((key) => key.active);
  const next = keys.reduce((highest, key) => Math.max(highest, key.number), 0) + 1;
  return (
    <section aria-labelledby="rotate-heading">
      <h2 id="rotate-heading">{t.t('issuerKeys.rotate.title')}</h2>
      <p>{t.t(keys.length === 0 ? 'issuerKeys.rotate.firstText' : 'issuerKeys.rotate.text')}</p>
      <form method="post" action={rotatePath(institution.key)} class="form">
        <CsrfField reply={reply} />
        <p class="actions">
          <button type="submit" class="button">
            {active
              ? t.t('issuerKeys.rotate.submit', { number: active.number, next })
              : t.t('issuerKeys.rotate.create', { next })}
          </button>
        </p>
      </form>
    </section>
  );
}

/** A datetime-local control wired like the shared fields: label, hint and error described. */
function DateTimeField(props: {
  t: T;
  id: string;
  name: string;
  label: string;
  hint: string;
  value: string;
  max: string;
  error?: MessageKey | undefined;
}) {
  const { t, id, error } = props;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <span class="hint" id={`${id}-hint`}>
        {props.hint}
      </span>
      <input
        id={id}
        name={props.name}
        type="datetime-local"
        value={props.value}
        max={props.max}
        dir="ltr"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {t.t(error)}
        </span>
      )}
    </div>
  );
}

function CompromiseForm({ t, reply, state, keySummary }: FormProps & { keySummary: IssuerKeySummary }) {
  const { number } = keySummary;
  const failed = state.compromise?.number === number ? state.compromise : undefined;
  const values: CompromiseValues = failed?.values ?? { reason: '', from: '' };
  const errors: CompromiseErrors = failed?.errors ?? {};
  const reasonId = `compromise-reason-${number}`;
  const fromId = `compromise-from-${number}`;
  return (
    <details open={!!failed}>
      <summary>{t.t('issuerKeys.compromise.open', { number })}</summary>
      <ErrorSummary t={t} errors={errors} fields={{ reason: reasonId, from: fromId }} />
      <form method="post" action={compromisedPath(state.institution.key, number)} class="form" novalidate>
        <CsrfField reply={reply} />
        <TextAreaField
          t={t}
          id={reasonId}
          name="reason"
          label={t.t('issuerKeys.compromise.reason')}
          hint={t.t('issuerKeys.compromise.reasonHint')}
          required
          rows={3}
          maxLength={REASON_MAX}
          value={values.reason}
          error={errors.reason}
        />
        <DateTimeField
          t={t}
          id={fromId}
          name="from"
          label={t.t('issuerKeys.compromise.from')}
          hint={t.t('issuerKeys.compromise.fromHint')}
          value={values.from}
          max={formatUtcDateTime(state.now)}
          error={errors.from}
        />
        <p class="actions">
          <button type="submit" class="button button-danger">
            {t.t('issuerKeys.compromise.submit', { number })}
          </button>
        </p>
      </form>
    </details>
  );
}

/**
 * One form per key not yet reported, and the one that came back with problems, open. The
 * service also takes a report on a reported key (to move its time earlier), so that form may
 * be one of them.
 */
export function CompromiseSection({ t, reply, state }: FormProps) {
  const reportable = state.keys.filter((key) => key.compromisedAt === null || key.number === state.compromise?.number);
  return (
    <section aria-labelledby="compromise-heading">
      <h2 id="compromise-heading">{t.t('issuerKeys.compromise.title')}</h2>
      {reportable.length === 0 ? (
        <p>{t.t('issuerKeys.compromise.none')}</p>
      ) : (
        <>
          <p>{t.t('issuerKeys.compromise.text')}</p>
          {reportable.map((key) => (
            <CompromiseForm t={t} reply={reply} state={state} keySummary={key} />
          ))}
        </>
      )}
    </section>
  );
}
