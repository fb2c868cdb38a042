import type { FastifyReply } from 'fastify';
import type { MessageKey, T } from '../../messages/index.ts';
import { CsrfField, SelectField, TextAreaField, TextField } from '../../views/forms.tsx';
import { CheckboxGroup, type Choice } from '../studio/fields.tsx';
import type { ProgramFormErrors, ProgramFormValues } from './form.ts';
import { createProgramPath } from './paths.ts';

export type NewProgramPageData = {
  institution: { key: string; name: string };
  /** Alliance members other than the lead. */
  partners: Choice[];
  /** The lead institution's published courses. */
  courses: Choice[];
  values: ProgramFormValues;
  errors: ProgramFormErrors;
};

/** Where each problem's link in the summary leads. */
const FIELD_IDS: Record<string, string> = {
  key: 'key',
  title: 'titleEn',
  description: 'descriptionEn',
  partners: 'partners',
  courses: 'courses',
  rule: 'rule',
  requiredCount: 'requiredCount',
};

function coursesErrorText(t: T, errors: ProgramFormErrors): string | null {
  const problem = errors.courses;
  return problem ? t.t(problem.key, { course: problem.course ?? '' }) : null;
}

/** The form's problems, each linking to its field; the course problem names the course. */
function Problems({ t, errors }: { t: T; errors: ProgramFormErrors }) {
  const { _: general, ...fields } = errors.fields;
  const lines = Object.entries(fields)
    .filter((entry): entry is [string, MessageKey] => !!entry[1])
    .map(([field, key]) => ({ id: FIELD_IDS[field] ?? field, text: t.t(key) }));
  const courses = coursesErrorText(t, errors);
  if (courses) lines.push({ id: 'courses', text: courses });
  if (!general && lines.length === 0) return null;
  return (
    <div class="alert alert-error" role="alert">
      {general && <p>{t.t(general)}</p>}
      {lines.length > 0 && (
        <>
          <p>{t.t('form.errorSummary')}</p>
          <ul>
            {lines.map((line) => (
              <li>
                <a href={`#${line.id}`}>{line.text}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The lead's own courses to tick, then a box for partners' course keys. */
function CoursesField({ t, data }: { t: T; data: NewProgramPageData }) {
  const error = coursesErrorText(t, data.errors);
  const describedBy = ['courses-hint', error ? 'courses-error' : ''].filter(Boolean).join(' ');
  return (
    <fieldset class="field checkbox-group" id="courses" aria-describedby={describedBy}>
      <legend>{t.t('programs.new.courses')}</legend>
      <span class="hint" id="courses-hint">
        {t.t('programs.new.coursesHint')}
      </span>
      {error && (
        <span class="field-error" id="courses-error">
          {error}
        </span>
      )}
      {data.courses.length === 0 && <p>{t.t('programs.new.noOwnCourses', { institution: data.institution.name })}</p>}
      {data.courses.map((choice, index) => (
        <label class="checkbox" for={`courses-${index}`}>
          <input
            type="checkbox"
            id={`courses-${index}`}
            name="courses"
            value={choice.value}
            checked={data.values.courses.includes(choice.value)}
          />{' '}
          <span lang={choice.lang}>{choice.label}</span>
        </label>
      ))}
      <TextAreaField
        t={t}
        id="otherCourses"
        name="otherCourses"
        label={t.t('programs.new.otherCourses')}
        hint={t.t('programs.new.otherCoursesHint')}
        value={data.values.otherCourses}
        rows={3}
        dir="ltr"
      />
    </fieldset>
  );
}

function TitleAndDescription({ t, data }: { t: T; data: NewProgramPageData }) {
  const { values, errors } = data;
  const optional = t.t('programs.new.optional');
  return (
    <>
      <TextField
        t={t}
        id="titleEn"
        name="titleEn"
        label={t.t('programs.new.titleEn')}
        value={values.titleEn}
        required
        maxLength={300}
        error={errors.fields.title}
        lang="en"
        dir="ltr"
      />
      <TextField
        t={t}
        id="titleZh"
        name="titleZh"
        label={t.t('programs.new.titleZh')}
        value={values.titleZh}
        hint={optional}
        maxLength={300}
        lang="zh-Hans"
      />
      <TextField
        t={t}
        id="titleAr"
        name="titleAr"
        label={t.t('programs.new.titleAr')}
        value={values.titleAr}
        hint={optional}
        maxLength={300}
        lang="ar"
        dir="rtl"
      />
      <TextAreaField
        t={t}
        id="descriptionEn"
        name="descriptionEn"
        label={t.t('programs.new.descriptionEn')}
        value={values.descriptionEn}
        hint={optional}
        error={errors.fields.description}
        maxLength={5000}
        rows={4}
        lang="en"
        dir="ltr"
      />
      <TextAreaField
        t={t}
        id="descriptionZh"
        name="descriptionZh"
        label={t.t('programs.new.descriptionZh')}
        value={values.descriptionZh}
        hint={optional}
        maxLength={5000}
        rows={4}
        lang="zh-Hans"
      />
      <TextAreaField
        t={t}
        id="descriptionAr"
        name="descriptionAr"
        label={t.t('programs.new.descriptionAr')}
        value={values.descriptionAr}
        hint={optional}
        maxLength={5000}
        rows={4}
        lang="ar"
        dir="rtl"
      />
    </>
  );
}

export function NewProgramForm({ t, reply, data }: { t: T; reply: FastifyReply; data: NewProgramPageData }) {
  const { values, errors, institution } = data;
  return (
    <>
      <h1>{t.t('programs.new.title', { institution: institution.name })}</h1>
      <p class="lead">{t.t('programs.new.lead', { institution: institution.name })}</p>
      <Problems t={t} errors={errors} />
      <form method="post" action={createProgramPath(institution.key)} class="form" novalidate>
        <CsrfField reply={reply} />
        <TextField
          t={t}
          id="key"
          name="key"
          label={t.t('programs.new.key')}
          value={values.key}
          required
          maxLength={63}
          hint={t.t('programs.new.keyHint')}
          error={errors.fields.key}
          dir="ltr"
        />
        <TitleAndDescription t={t} data={data} />
        {data.partners.length === 0 ? (
          <p id="partners">{t.t('programs.new.partnersNone')}</p>
        ) : (
          <CheckboxGroup
            t={t}
            id="partners"
            name="partners"
            legend={t.t('programs.new.partners')}
            hint={t.t('programs.new.partnersHint')}
            choices={data.partners}
            checked={values.partners}
            error={errors.fields.partners}
          />
        )}
        <CoursesField t={t} data={data} />
        <SelectField
          t={t}
          id="rule"
          name="rule"
          label={t.t('programs.new.rule')}
          value={values.rule}
          required
          error={errors.fields.rule}
          options={[
            { value: 'all', label: t.t('programs.new.ruleAll') },
            { value: 'any_n', label: t.t('programs.new.ruleAnyN') },
          ]}
        />
        <TextField
          t={t}
          id="requiredCount"
          name="requiredCount"
          type="number"
          min={1}
          max={30}
          label={t.t('programs.new.requiredCount')}
          hint={t.t('programs.new.requiredCountHint')}
          value={values.requiredCount}
          error={errors.fields.requiredCount}
        />
        <p class="actions">
          <button type="submit" class="button button-primary">
            {t.t('programs.new.create')}
          </button>
          <a href={`/institutions/${institution.key}`}>{t.t('form.cancel')}</a>
        </p>
      </form>
    </>
  );
}
