import type { FastifyReply } from 'fastify';
import {
  computeWorkloadHours,
  LEVELS,
  LICENCES,
  SUBJECTS,
  type CourseMetadata,
} from '../../../modules/courses/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { Alert, CsrfField, ErrorSummary, SelectField, TextAreaField, TextField } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import { CheckboxGroup, COMMON_LANGUAGES, directionOf, languageName } from './fields.tsx';
import type { SettingsValues } from './settings-form.ts';
import type { FieldErrors, Notice, StudioCourse } from './shared.ts';

export type SettingsState = {
  studio: StudioCourse;
  values: SettingsValues;
  errors: FieldErrors;
  notice?: Notice | undefined;
};

const TEXT_LABELS: ReadonlyArray<{
  field: 'title' | 'shortDescription' | 'description' | 'prerequisites';
  label: MessageKey;
  rows: number;
  max: number;
}> = [
  { field: 'title', label: 'studio.field.title', rows: 0, max: 200 },
  { field: 'shortDescription', label: 'studio.field.shortDescription', rows: 3, max: 500 },
  { field: 'description', label: 'studio.field.description', rows: 8, max: 20_000 },
  { field: 'prerequisites', label: 'studio.field.prerequisites', rows: 3, max: 2000 },
];

export function SettingsView({ t, reply, state }: { t: T; reply: FastifyReply; state: SettingsState }) {
  const { studio, values, errors } = state;
  const canEdit = studio.capabilities.has('edit_content');
  const ids = Object.fromEntries(Object.keys(errors).map((id) => [id, id]));
  return (
    <StudioFrame t={t} course={{ key: studio.course.key, title: studio.title }} current="settings">
      <h2>{t.t('studio.settings.title')}</h2>
      {state.notice && (
        <Alert kind={state.notice.kind}>
          <p>{t.t(state.notice.key)}</p>
        </Alert>
      )}
      {!canEdit && (
        <Alert kind="info">
          <p>{t.t('studio.settings.readOnly')}</p>
        </Alert>
      )}
      <ErrorSummary t={t} errors={errors} fields={ids} />
      <form method="post" action={`/studio/courses/${studio.course.key}/settings`} class="form" novalidate>
        <CsrfField reply={reply} />
        <fieldset disabled={!canEdit} class="plain-fieldset">
          <legend class="visually-hidden">{t.t('studio.settings.title')}</legend>
          {values.textLanguages.map((tag) => (
            <input type="hidden" name="textLanguages" value={tag} />
          ))}
          {values.textLanguages.map((tag) => (
            <LanguageTexts t={t} tag={tag} values={values} errors={errors} />
          ))}
          <Classification t={t} values={values} errors={errors} />
          <SkillRows t={t} values={values} errors={errors} />
          <Workload t={t} values={values} errors={errors} effort={studio.metadata.effort} />
          <Extras t={t} values={values} errors={errors} />
          {canEdit && (
            <p class="actions">
              <button type="submit" class="button" name="intent" value="save">
                {t.t('studio.settings.save')}
              </button>
            </p>
          )}
          {canEdit && <AddLanguage t={t} values={values} />}
        </fieldset>
      </form>
      {canEdit && <ImageForm t={t} reply={reply} studio={studio} />}
    </StudioFrame>
  );
}

type PartProps = { t: T; values: SettingsValues; errors: FieldErrors };

function LanguageTexts({ t, tag, values, errors }: PartProps & { tag: string }) {
  const name = languageName(t, tag);
  const dir = directionOf(tag);
  return (
    <fieldset>
      <legend>{t.t('studio.settings.textsIn', { language: name })}</legend>
      {TEXT_LABELS.map(({ field, label, rows, max }) => {
        const common = {
          t,
          id: `${field}-${tag}`,
          name: `${field}.${tag}`,
          label: t.t(label),
          value: values.texts[field][tag] ?? '',
          error: errors[`${field}-${tag}`],
          maxLength: max,
          lang: tag,
          dir,
        };
        return rows === 0 ? <TextField {...common} /> : <TextAreaField {...common} rows={rows} />;
      })}
      <TextAreaField
        t={t}
        id={`outcomes-${tag}`}
        name={`outcomes.${tag}`}
        label={t.t('studio.field.outcomes')}
        hint={t.t('studio.field.outcomesHint')}
        value={values.outcomes[tag] ?? ''}
        error={errors[`outcomes-${tag}`]}
        rows={5}
        lang={tag}
        dir={dir}
      />
    </fieldset>
  );
}

function AddLanguage({ t, values }: { t: T; values: SettingsValues }) {
  const missing = COMMON_LANGUAGES.filter((tag) => !values.textLanguages.includes(tag));
  if (missing.length === 0) return null;
  return (
    <div class="field">
      <label for="addLanguage">{t.t('studio.settings.addLanguage')}</label>
      <span class="hint" id="addLanguage-hint">
        {t.t('studio.settings.addLanguageHint')}
      </span>
      <select id="addLanguage" name="addLanguage" aria-describedby="addLanguage-hint">
        {missing.map((tag) => (
          <option value={tag} lang={tag}>
            {languageName(t, tag)}
          </option>
        ))}
      </select>
      <button type="submit" class="button-small button-secondary" name="intent" value="add-language">
        {t.t('studio.settings.addLanguageButton')}
      </button>
    </div>
  );
}

function Classification({ t, values, errors }: PartProps) {
  const languages = [...new Set([...COMMON_LANGUAGES, ...values.languages])];
  return (
    <>
      <CheckboxGroup
        t={t}
        id="subjects"
        name="subjects"
        legend={t.t('studio.field.subjects')}
        hint={t.t('studio.field.subjectsHint')}
        choices={SUBJECTS.map((subject) => ({ value: subject, label: t.t(`studio.subject.${subject}`) }))}
        checked={values.subjects}
        error={errors.subjects}
      />
      <SelectField
        t={t}
        id="level"
        name="level"
        label={t.t('studio.field.level')}
        value={values.level}
        error={errors.level}
        options={LEVELS.map((level) => ({ value: level, label: t.t(`studio.level.${level}`) }))}
      />
      <CheckboxGroup
        t={t}
        id="languages"
        name="languages"
        legend={t.t('studio.field.languages')}
        choices={languages.map((tag) => ({ value: tag, label: languageName(t, tag), lang: tag }))}
        checked={values.languages}
        error={errors.languages}
      />
      <TextField
        t={t}
        id="otherLanguages"
        name="otherLanguages"
        label={t.t('studio.field.otherLanguages')}
        hint={t.t('studio.field.otherLanguagesHint')}
        value={values.otherLanguages}
        dir="ltr"
      />
    </>
  );
}

function SkillRows({ t, values, errors }: PartProps) {
  return (
    <fieldset id="skills">
      <legend>{t.t('studio.field.skills')}</legend>
      <p class="hint">{t.t('studio.field.skillsHint')}</p>
      {errors.skills && <p class="field-error">{t.t(errors.skills)}</p>}
      {values.skills.map((row, index) => (
        <fieldset>
          <legend>{t.t('studio.field.skill', { number: index + 1 })}</legend>
          {values.textLanguages.map((tag) => (
            <TextField
              t={t}
              id={`skills-${index}-name-${tag}`}
              name={`skills.${index}.name.${tag}`}
              label={t.t('studio.field.skillName', { language: languageName(t, tag) })}
              value={row.names[tag] ?? ''}
              error={errors[`skills-${index}-name-${tag}`]}
              maxLength={120}
              lang={tag}
              dir={directionOf(tag)}
            />
          ))}
          <TextField
            t={t}
            id={`skills-${index}-escoUri`}
            name={`skills.${index}.escoUri`}
            type="url"
            label={t.t('studio.field.escoUri')}
            hint={t.t('studio.optional')}
            value={row.escoUri}
            error={errors[`skills-${index}-escoUri`]}
            dir="ltr"
          />
        </fieldset>
      ))}
    </fieldset>
  );
}

function Workload({ t, values, errors, effort }: PartProps & { effort: CourseMetadata['effort'] }) {
  const hours = computeWorkloadHours(effort);
  return (
    <fieldset>
      <legend>{t.t('studio.field.effort')}</legend>
      <TextField
        t={t}
        id="hoursPerWeek"
        name="hoursPerWeek"
        type="number"
        label={t.t('studio.field.hoursPerWeek')}
        value={values.hoursPerWeek}
        error={errors.hoursPerWeek}
        min={0.5}
        max={60}
      />
      <TextField
        t={t}
        id="weeks"
        name="weeks"
        type="number"
        label={t.t('studio.field.weeks')}
        value={values.weeks}
        error={errors.weeks}
        min={1}
        max={104}
      />
      <p>
        {hours === null
          ? t.t('studio.field.workloadNone')
          : t.t('studio.field.workload', { hours: t.formatNumber(hours) })}
      </p>
      <TextField
        t={t}
        id="ects"
        name="ects"
        type="number"
        label={t.t('studio.field.ects')}
        hint={t.t('studio.field.ectsHint')}
        value={values.ects}
        error={errors.ects}
        min={0}
        max={60}
      />
    </fieldset>
  );
}

function Extras({ t, values, errors }: PartProps) {
  return (
    <>
      <SelectField
        t={t}
        id="licence"
        name="licence"
        label={t.t('studio.field.licence')}
        value={values.licence}
        error={errors.licence}
        options={LICENCES.map((licence) => ({ value: licence, label: t.t(`studio.licence.${licence}`) }))}
      />
      <TextField
        t={t}
        id="trailerUrl"
        name="trailerUrl"
        type="url"
        label={t.t('studio.field.trailerUrl')}
        hint={t.t('studio.optional')}
        value={values.trailerUrl}
        error={errors.trailerUrl}
        dir="ltr"
      />
      <fieldset id="partners">
        <legend>{t.t('studio.field.industryPartners')}</legend>
        {errors.partners && <p class="field-error">{t.t(errors.partners)}</p>}
        {values.partners.map((row, index) => (
          <fieldset>
            <legend>{t.t('studio.field.industryPartner', { number: index + 1 })}</legend>
            <TextField
              t={t}
              id={`partners-${index}-name`}
              name={`partners.${index}.name`}
              label={t.t('studio.field.partnerName')}
              value={row.name}
              error={errors[`partners-${index}-name`]}
              maxLength={200}
            />
            <TextField
              t={t}
              id={`partners-${index}-url`}
              name={`partners.${index}.url`}
              type="url"
              label={t.t('studio.field.partnerUrl')}
              value={row.url}
              error={errors[`partners-${index}-url`]}
              dir="ltr"
            />
          </fieldset>
        ))}
      </fieldset>
    </>
  );
}

function ImageForm({ t, reply, studio }: { t: T; reply: FastifyReply; studio: StudioCourse }) {
  return (
    <section aria-labelledby="image-heading">
      <h3 id="image-heading">{t.t('studio.image.title')}</h3>
      <p>{studio.metadata.imageMediaId ? t.t('studio.image.current') : t.t('studio.image.none')}</p>
      <form
        method="post"
        action={`/studio/courses/${studio.course.key}/settings/image`}
        enctype="multipart/form-data"
        class="form"
      >
        <CsrfField reply={reply} />
        <div class="field">
          <label for="image">{t.t('studio.image.file')}</label>
          <span class="hint" id="image-hint">
            {t.t('studio.image.hint')}
          </span>
          <input
            id="image"
            name="image"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby="image-hint"
          />
        </div>
        <p class="actions">
          <button type="submit" class="button-secondary">
            {t.t('studio.image.upload')}
          </button>
        </p>
      </form>
    </section>
  );
}
