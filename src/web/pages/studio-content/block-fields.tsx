import type { MediaAsset } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { SelectField, TextAreaField, TextField } from '../../views/forms.tsx';
import { EMPTY_CAPTION_ROWS, mediaOptions, type BlockValues } from './block-input.ts';
import type { FieldErrors } from './shared.ts';

export type FieldsProps = {
  t: T;
  values: BlockValues;
  errors: FieldErrors;
  media: MediaAsset[];
  /** Address of the Markdown preview endpoint, for the preview island. */
  previewUrl: string;
  /** Sanitised HTML of a preview asked for without JavaScript. */
  previewHtml?: string | undefined;
  readOnly: boolean;
};

/** Field id for each service error, so the error summary links to the right control. */
export const BLOCK_FIELD_IDS: Record<string, string> = {
  title: 'block-title',
  body: 'block-body',
  url: 'block-url',
  description: 'block-description',
  prompt: 'block-prompt',
  mediaId: 'block-media',
  source: 'block-source-url',
  captions: 'caption-language-0',
  posterMediaId: 'block-poster',
  durationSeconds: 'block-duration',
  mode: 'block-mode',
  assignmentType: 'block-assignment-type',
  attemptsAllowed: 'block-attempts',
  dueAfterDays: 'block-due-after-days',
  reveal: 'block-reveal',
};

export function TypeFields(props: FieldsProps) {
  const { t, values, errors } = props;
  const value = (name: string) => values.fields[name] ?? '';
  const title = (
    <TextField
      t={t}
      id="block-title"
      name="title"
      label={t.t('studioContent.field.title')}
      required
      maxLength={200}
      value={value('title')}
      error={errors.title}
    />
  );
  switch (values.type) {
    case 'text':
      return (
        <>
          {title}
          <MarkdownField {...props} />
        </>
      );
    case 'link':
      return (
        <>
          {title}
          <TextField
            t={t}
            id="block-url"
            name="url"
            type="url"
            dir="ltr"
            label={t.t('studioContent.field.url')}
            hint={t.t('studioContent.field.urlHint')}
            required
            value={value('url')}
            error={errors.url}
          />
          <TextAreaField
            t={t}
            id="block-description"
            name="description"
            rows={4}
            label={t.t('studioContent.field.description')}
            hint={t.t('studioContent.field.markdownHint')}
            value={value('description')}
            error={errors.description}
          />
        </>
      );
    case 'discussion':
      return (
        <>
          {title}
          <TextAreaField
            t={t}
            id="block-prompt"
            name="prompt"
            rows={6}
            label={t.t('studioContent.field.prompt')}
            hint={t.t('studioContent.field.promptHint')}
            value={value('prompt')}
            error={errors.prompt}
          />
        </>
      );
    case 'file':
      return (
        <>
          {title}
          <SelectField
            t={t}
            id="block-media"
            name="mediaId"
            label={t.t('studioContent.field.file')}
            hint={t.t('studioContent.field.mediaHint')}
            empty={t.t('studioContent.field.chooseMedia')}
            options={mediaOptions(props.media, ['file', 'image'])}
            value={value('mediaId')}
            error={errors.mediaId}
          />
          <TextAreaField
            t={t}
            id="block-description"
            name="description"
            rows={4}
            label={t.t('studioContent.field.description')}
            hint={t.t('studioContent.field.markdownHint')}
            value={value('description')}
            error={errors.description}
          />
        </>
      );
    case 'video':
      return (
        <>
          {title}
          <VideoFields {...props} />
        </>
      );
    case 'quiz':
      return (
        <>
          {title}
          <QuizSettingsFields {...props} />
        </>
      );
  }
}

/** A Markdown textarea with a preview: the island fetches it, the Preview button works without it. */
function MarkdownField({ t, values, errors, previewUrl, previewHtml, readOnly }: FieldsProps) {
  return (
    <div class="markdown-editor" data-island="markdown-preview" data-preview-url={previewUrl} data-source="block-body">
      <TextAreaField
        t={t}
        id="block-body"
        name="body"
        rows={16}
        label={t.t('studioContent.field.body')}
        hint={t.t('studioContent.field.markdownHint')}
        value={values.fields.body ?? ''}
        error={errors.body}
      />
      {!readOnly && (
        <p>
          <button
            type="submit"
            name="intent"
            value="preview"
            class="button button-small button-secondary"
            data-preview-button
          >
            {t.t('studioContent.preview.button')}
          </button>
        </p>
      )}
      <section
        aria-labelledby="markdown-preview-heading"
        class="card"
        hidden={previewHtml === undefined}
        data-preview-panel
      >
        <h3 id="markdown-preview-heading">{t.t('studioContent.preview.heading')}</h3>
        <div
          class="prose"
          aria-live="polite"
          data-preview-output
          dangerouslySetInnerHTML={{ __html: previewHtml ?? '' }}
        />
      </section>
    </div>
  );
}

function VideoFields({ t, values, errors, media }: FieldsProps) {
  const value = (name: string) => values.fields[name] ?? '';
  const rows = [
    ...values.captions,
    ...Array.from({ length: EMPTY_CAPTION_ROWS }, () => ({ language: '', label: '', mediaId: '' })),
  ];
  const captionMedia = mediaOptions(media, ['captions']);
  return (
    <>
      <fieldset>
        <legend>{t.t('studioContent.video.source')}</legend>
        <label>
          <input type="radio" name="sourceKind" value="url" checked={value('sourceKind') !== 'upload'} />{' '}
          {t.t('studioContent.video.sourceUrl')}
        </label>
        <TextField
          t={t}
          id="block-source-url"
          name="sourceUrl"
          type="url"
          dir="ltr"
          label={t.t('studioContent.field.url')}
          hint={t.t('studioContent.field.urlHint')}
          value={value('sourceUrl')}
          error={errors.source}
        />
        <label>
          <input type="radio" name="sourceKind" value="upload" checked={value('sourceKind') === 'upload'} />{' '}
          {t.t('studioContent.video.sourceUpload')}
        </label>
        <SelectField
          t={t}
          id="block-source-media"
          name="sourceMedia"
          label={t.t('studioContent.video.uploaded')}
          hint={t.t('studioContent.field.mediaHint')}
          empty={t.t('studioContent.field.chooseMedia')}
          options={mediaOptions(media, ['video'])}
          value={value('sourceMedia')}
        />
      </fieldset>
      <fieldset>
        <legend>{t.t('studioContent.video.captions')}</legend>
        {errors.captions && <p class="field-error">{t.t(errors.captions)}</p>}
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.t('studioContent.video.captionLanguage')}</th>
                <th scope="col">{t.t('studioContent.video.captionLabel')}</th>
                <th scope="col">{t.t('studioContent.video.captionFile')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr>
                  <td>
                    <input
                      id={`caption-language-${index}`}
                      name="captionLanguage"
                      value={row.language}
                      dir="ltr"
                      size={8}
                      aria-label={t.t('studioContent.video.captionLanguageOf', { number: index + 1 })}
                    />
                  </td>
                  <td>
                    <input
                      name="captionLabel"
                      value={row.label}
                      size={16}
                      aria-label={t.t('studioContent.video.captionLabelOf', { number: index + 1 })}
                    />
                  </td>
                  <td>
                    <select
                      name="captionMedia"
                      aria-label={t.t('studioContent.video.captionFileOf', { number: index + 1 })}
                    >
                      <option value="">{t.t('studioContent.field.chooseMedia')}</option>
                      {captionMedia.map((option) => (
                        <option value={option.value} selected={option.value === row.mediaId}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
      <SelectField
        t={t}
        id="block-poster"
        name="posterMediaId"
        label={t.t('studioContent.video.poster')}
        empty={t.t('studioContent.video.noPoster')}
        options={mediaOptions(media, ['poster', 'image'])}
        value={value('posterMediaId')}
        error={errors.posterMediaId}
      />
      <TextField
        t={t}
        id="block-duration"
        name="durationSeconds"
        type="number"
        min={0}
        max={86400}
        label={t.t('studioContent.video.duration')}
        hint={t.t('studioContent.video.durationHint')}
        value={value('durationSeconds')}
        error={errors.durationSeconds}
      />
      <p>
        <label>
          <input type="checkbox" name="downloadable" value="yes" checked={value('downloadable') === 'yes'} />{' '}
          {t.t('studioContent.video.downloadable')}
        </label>
      </p>
    </>
  );
}

function QuizSettingsFields({ t, values, errors }: FieldsProps) {
  const value = (name: string) => values.fields[name] ?? '';
  return (
    <>
      <SelectField
        t={t}
        id="block-mode"
        name="mode"
        label={t.t('studioContent.quiz.mode')}
        options={[
          { value: 'graded', label: t.t('studioContent.quiz.graded') },
          { value: 'practice', label: t.t('studioContent.quiz.practice') },
        ]}
        value={value('mode')}
      />
      <TextField
        t={t}
        id="block-assignment-type"
        name="assignmentType"
        label={t.t('studioContent.quiz.assignmentType')}
        hint={t.t('studioContent.quiz.assignmentTypeHint')}
        maxLength={60}
        value={value('assignmentType')}
        error={errors.assignmentType}
      />
      <TextField
        t={t}
        id="block-attempts"
        name="attemptsAllowed"
        type="number"
        min={1}
        max={100}
        label={t.t('studioContent.quiz.attempts')}
        hint={t.t('studioContent.quiz.attemptsHint')}
        value={value('attemptsAllowed')}
        error={errors.attemptsAllowed}
      />
      <TextField
        t={t}
        id="block-due-after-days"
        name="dueAfterDays"
        type="number"
        min={0}
        max={3650}
        label={t.t('studioContent.quiz.dueAfterDays')}
        hint={t.t('studioContent.quiz.dueAfterDaysHint')}
        value={value('dueAfterDays')}
        error={errors.dueAfterDays}
      />
      <SelectField
        t={t}
        id="block-reveal"
        name="reveal"
        label={t.t('studioContent.quiz.reveal')}
        hint={t.t('studioContent.quiz.revealHint')}
        options={[
          { value: 'immediately', label: t.t('studioContent.quiz.revealImmediately') },
          { value: 'after_due', label: t.t('studioContent.quiz.revealAfterDue') },
          { value: 'never', label: t.t('studioContent.quiz.revealNever') },
        ]}
        value={value('reveal') || 'immediately'}
        error={errors.reveal}
      />
      <p>
        <label>
          <input type="checkbox" name="shuffleQuestions" value="yes" checked={value('shuffleQuestions') === 'yes'} />{' '}
          {t.t('studioContent.quiz.shuffleQuestions')}
        </label>
      </p>
      <p>
        <label>
          <input type="checkbox" name="shuffleChoices" value="yes" checked={value('shuffleChoices') === 'yes'} />{' '}
          {t.t('studioContent.quiz.shuffleChoices')}
        </label>
      </p>
    </>
  );
}
