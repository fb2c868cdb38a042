import type { FastifyReply } from 'fastify';
import type { PackageProblem } from '../../../modules/sharing/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { Alert, CsrfField, ErrorSummary, SelectField, TextField, type FieldErrors } from '../../views/forms.tsx';

const coursePath = (key: string, rest = '') => `/studio/courses/${encodeURIComponent(key)}${rest}`;

export function ExportView(props: {
  t: T;
  courseKey: string;
  title: string;
  releaseNumber: number | null;
  canEdit: boolean;
}) {
  const { t, courseKey } = props;
  return (
    <section aria-labelledby="export-heading">
      <p>
        <a href={coursePath(courseKey)}>{props.title}</a>
      </p>
      <h1 id="export-heading">{t.t('packages.export.title', { title: props.title })}</h1>
      <p>{t.t('packages.export.intro')}</p>
      <ul>
        <li>
          <a href={coursePath(courseKey, '/package?side=draft')} download>
            {t.t('packages.export.draft')}
          </a>
        </li>
        <li>
          {props.releaseNumber === null ? (
            t.t('packages.export.noRelease')
          ) : (
            <a href={coursePath(courseKey, '/package?side=release')} download>
              {t.t('packages.export.release', { number: props.releaseNumber })}
            </a>
          )}
        </li>
      </ul>
      {props.canEdit && (
        <p>
          <a href={`/studio/import?mode=new-draft&courseKey=${encodeURIComponent(courseKey)}`}>
            {t.t('packages.export.replace')}
          </a>
        </p>
      )}
    </section>
  );
}

export type ImportValues = { mode: string; key: string; leadInstitution: string; courseKey: string };

const FIELD_IDS = {
  file: 'package-file',
  mode: 'package-mode',
  key: 'package-key',
  leadInstitution: 'package-lead',
  courseKey: 'package-course',
};

export function ImportView(props: {
  t: T;
  reply: FastifyReply;
  values: ImportValues;
  leads: Array<{ value: string; label: string }>;
  errors: FieldErrors;
  problems: PackageProblem[];
}) {
  const { t, values, errors } = props;
  const label = (key: MessageKey) => t.t(key);
  return (
    <section aria-labelledby="import-heading">
      <h1 id="import-heading">{t.t('packages.import.title')}</h1>
      <p>{t.t('packages.import.intro')}</p>
      <ErrorSummary t={t} errors={errors} fields={FIELD_IDS} />
      {props.problems.length > 0 && (
        <Alert kind="error">
          <p>{t.t('packages.import.problems')}</p>
          <ul>
            {props.problems.map((problem) => (
              <li>
                <code>{problem.where}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <form method="post" action="/studio/import" enctype="multipart/form-data" class="form">
        <CsrfField reply={props.reply} />
        <div class="field">
          <label for={FIELD_IDS.file}>{label('packages.import.file')}</label>
          <input id={FIELD_IDS.file} name="file" type="file" accept=".zip,application/zip" required />
        </div>
        <SelectField
          t={t}
          id={FIELD_IDS.mode}
          name="mode"
          label={label('packages.import.mode')}
          value={values.mode}
          error={errors.mode}
          options={[
            { value: 'new-course', label: label('packages.import.mode.newCourse') },
            { value: 'new-draft', label: label('packages.import.mode.newDraft') },
          ]}
        />
        <TextField
          t={t}
          id={FIELD_IDS.key}
          name="key"
          label={label('packages.import.key')}
          hint={label('packages.import.keyHint')}
          value={values.key}
          error={errors.key}
          maxLength={63}
        />
        <SelectField
          t={t}
          id={FIELD_IDS.leadInstitution}
          name="leadInstitution"
          label={label('packages.import.lead')}
          value={values.leadInstitution}
          error={errors.leadInstitution}
          options={props.leads}
        />
        <TextField
          t={t}
          id={FIELD_IDS.courseKey}
          name="courseKey"
          label={label('packages.import.courseKey')}
          value={values.courseKey}
          error={errors.courseKey}
          maxLength={63}
        />
        <button type="submit">{label('packages.import.submit')}</button>
      </form>
    </section>
  );
}
