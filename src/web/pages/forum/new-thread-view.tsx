import type { ForumTopic } from '../../../modules/discussions/index.ts';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, THREAD_KINDS } from '../../../modules/discussions/index.ts';
import type { T } from '../../messages/index.ts';
import { ErrorSummary, SelectField, TextAreaField, TextField, type FieldErrors } from '../../views/forms.tsx';
import { topicTitle, type ForumFrame } from './frame.ts';
import { POST_LANGUAGES } from './form.ts';
import { KIND_LABELS } from './list-view.tsx';
import { ForumCrumbs, StandingNotice } from './parts.tsx';

export type NewThreadValues = {
  topic: string;
  kind: string;
  title: string;
  body: string;
  language: string;
  circleId?: number;
};

export type NewThreadState = {
  frame: ForumFrame;
  topics: ForumTopic[];
  values: NewThreadValues;
  errors: FieldErrors;
  requestKey: string;
};

const FIELD_IDS = {
  topic: 'thread-topic',
  kind: 'thread-kind-question',
  title: 'thread-title',
  body: 'thread-body',
  language: 'thread-language',
};

/** The Markdown help line every post form shows under its text box. */
export function markdownHint(t: T): string {
  return t.t('forum.form.markdownHint', { max: t.formatNumber(MAX_BODY_LENGTH) });
}

/** Question or discussion: radio buttons, so both choices and what they mean are in view. */
function KindField({ t, value, error }: { t: T; value: string; error: FieldErrors['kind'] }) {
  return (
    <fieldset class="field forum-kind" aria-describedby={error ? 'thread-kind-error' : undefined}>
      <legend>{t.t('forum.form.kind')}</legend>
      {THREAD_KINDS.map((kind) => (
        <div>
          <input
            type="radio"
            id={`thread-kind-${kind}`}
            name="kind"
            value={kind}
            checked={value === kind}
            aria-describedby={`thread-kind-${kind}-hint`}
          />{' '}
          <label for={`thread-kind-${kind}`}>{t.t(KIND_LABELS[kind])}</label>{' '}
          <span class="hint" id={`thread-kind-${kind}-hint`}>
            {t.t(kind === 'question' ? 'forum.form.kindQuestionHint' : 'forum.form.kindDiscussionHint')}
          </span>
        </div>
      ))}
      {error && (
        <span class="field-error" id="thread-kind-error">
          {t.t(error)}
        </span>
      )}
    </fieldset>
  );
}

/** The form to start a thread; sent twice (a double click), it still makes one thread. */
export function NewThreadPage({ state }: { state: NewThreadState }) {
  const { frame, topics, values, errors } = state;
  const { t, paths } = frame;
  return (
    <div class="forum-page">
      <ForumCrumbs frame={frame} trail={[{ label: t.t('forum.new.title') }]} />
      <h1>{t.t('forum.new.title')}</h1>
      <StandingNotice frame={frame} />
      <ErrorSummary t={t} errors={errors} fields={FIELD_IDS} />
      <form method="post" action={paths.createThread} class="form forum-form" novalidate>
        <input type="hidden" name="_csrf" value={frame.csrf} />
        <input type="hidden" name="requestKey" value={state.requestKey} />
        {values.circleId !== undefined && <input type="hidden" name="circleId" value={String(values.circleId)} />}
        <SelectField
          t={t}
          id={FIELD_IDS.topic}
          name="topic"
          label={t.t('forum.form.topic')}
          value={values.topic}
          error={errors.topic}
          options={topics.map((topic) => ({ value: topic.key, label: topicTitle(t, topics, topic.key) }))}
        />
        <KindField t={t} value={values.kind} error={errors.kind} />
        <TextField
          t={t}
          id={FIELD_IDS.title}
          name="title"
          label={t.t('forum.form.title')}
          value={values.title}
          error={errors.title}
          required
          maxLength={MAX_TITLE_LENGTH}
        />
        <TextAreaField
          t={t}
          id={FIELD_IDS.body}
          name="body"
          label={t.t('forum.form.body')}
          value={values.body}
          error={errors.body}
          hint={markdownHint(t)}
          required
          rows={10}
          maxLength={MAX_BODY_LENGTH}
        />
        <LanguageSelect t={t} id={FIELD_IDS.language} value={values.language} error={errors.language} />
        <p class="actions">
          <button type="submit">{t.t('forum.new.submit')}</button>
          <a
            class="button button-secondary"
            href={paths.list({ topic: values.topic === 'general' ? undefined : values.topic })}
          >
            {t.t('forum.form.cancel')}
          </a>
        </p>
      </form>
    </div>
  );
}

/** The language a post is written in, named in the page's language. */
export function LanguageSelect({
  t,
  id,
  value,
  error,
}: {
  t: T;
  id: string;
  value: string;
  error?: FieldErrors['language'];
}) {
  const options: Array<{ value: string; label: string }> = POST_LANGUAGES.map((code) => ({
    value: code,
    label: t.languageName(code),
  }));
  if (!POST_LANGUAGES.some((code) => code === value)) options.push({ value, label: t.languageName(value) });
  return (
    <SelectField
      t={t}
      id={id}
      name="language"
      label={t.t('forum.form.language')}
      hint={t.t('forum.form.languageHint')}
      value={value}
      error={error}
      options={options}
    />
  );
}
