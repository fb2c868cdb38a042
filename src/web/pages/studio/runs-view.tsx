import { CERTIFICATE_POLICIES, PACINGS, type CourseRun, type Release } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { Alert, ErrorSummary, SelectField, TextField } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import { ButtonForm, DateField, formatDay, languageName } from './fields.tsx';
import type { GradingValues, RunValues } from './runs-form.ts';
import type { FieldErrors, Notice, StudioCourse } from './shared.ts';

export type RunsState = {
  studio: StudioCourse;
  runs: CourseRun[];
  releases: Release[];
  notice?: Notice | undefined;
  create: { values: RunValues; errors: FieldErrors };
  /** The run whose settings or grading form came back with errors. */
  edit?: { code: string; values: RunValues; errors: FieldErrors };
  grading?: { code: string; values: GradingValues; errors: FieldErrors };
  gradingOf: (run: CourseRun) => GradingValues;
  settingsOf: (run: CourseRun) => RunValues;
};

type Props = { t: T; csrf: string; state: RunsState };

const prefixed = (prefix: string, errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([key, value]) => [key === '_' ? '_' : `${prefix}-${key}`, value]));

export function RunsView({ t, csrf, state }: Props) {
  const { studio } = state;
  const manages = studio.capabilities.has('manage_runs');
  return (
    <StudioFrame t={t} course={{ key: studio.course.key, title: studio.title }} current="runs">
      <h2>{t.t('studio.runs.title')}</h2>
      {state.notice && (
        <Alert kind={state.notice.kind}>
          <p>{t.t(state.notice.key)}</p>
        </Alert>
      )}
      {state.runs.length === 0 && <p>{t.t('studio.runs.empty')}</p>}
      {state.runs.map((run) => (
        <RunSection t={t} csrf={csrf} state={state} run={run} manages={manages} />
      ))}
      {manages &&
        (state.releases.length === 0 ? (
          <p>{t.t('studio.runs.publishFirst')}</p>
        ) : (
          <CreateRun t={t} csrf={csrf} state={state} />
        ))}
    </StudioFrame>
  );
}

function RunSection({ t, csrf, state, run, manages }: Props & { run: CourseRun; manages: boolean }) {
  const base = `/studio/courses/${state.studio.course.key}/runs/${encodeURIComponent(run.code)}`;
  const editing = state.edit?.code === run.code ? state.edit : undefined;
  const grading = state.grading?.code === run.code ? state.grading : undefined;
  const newer = state.releases.filter((release) => release.number > run.releaseNumber);
  const headingId = `run-${run.uuid}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t.t('studio.runs.run', { code: run.code })}</h3>
      <dl class="facts">
        <dt>{t.t('studio.runs.pacing')}</dt>
        <dd>{t.t(`studio.pacing.${run.pacing}`)}</dd>
        <dt>{t.t('studio.runs.language')}</dt>
        <dd>{languageName(t, run.language)}</dd>
        <dt>{t.t('studio.runs.enrollment')}</dt>
        <dd>
          {t.t('studio.runs.range', {
            from: formatDay(t, run.enrollmentOpensAt),
            to: formatDay(t, run.enrollmentClosesAt),
          })}
        </dd>
        <dt>{t.t('studio.runs.dates')}</dt>
        <dd>{t.t('studio.runs.range', { from: formatDay(t, run.startsAt), to: formatDay(t, run.endsAt) })}</dd>
        <dt>{t.t('studio.runs.release')}</dt>
        <dd>{t.t('studio.runs.releaseNumber', { number: run.releaseNumber })}</dd>
        <dt>{t.t('studio.runs.capacity')}</dt>
        <dd>{run.capacity === null ? t.t('studio.runs.unlimited') : t.formatNumber(run.capacity)}</dd>
        <dt>{t.t('studio.runs.certificate')}</dt>
        <dd>{t.t(`studio.certificate.${run.certificatePolicy}`)}</dd>
        <dt>{t.t('studio.runs.grading')}</dt>
        <dd>
          {run.gradingPolicy.assignmentTypes
            .map((type) =>
              t.t('studio.runs.gradingItem', {
                name: type.name,
                weight: t.formatNumber(type.weight, { style: 'percent' }),
              }),
            )
            .join(t.t('studio.listSeparator'))}
          {' · '}
          {t.t('studio.runs.passMark', { mark: t.formatNumber(run.gradingPolicy.passMark, { style: 'percent' }) })}
        </dd>
      </dl>
      {state.studio.capabilities.has('view_learners') && (
        <p class="actions">
          <a href={`${base}/learners`}>
            {t.t('enroll.studio.learners')}
            <span class="visually-hidden">{t.t('enroll.run.forRun', { code: run.code })}</span>
          </a>
          <a href={`${base}/gradebook`}>
            {t.t('enroll.studio.gradebook')}
            <span class="visually-hidden">{t.t('enroll.run.forRun', { code: run.code })}</span>
          </a>
        </p>
      )}
      {manages && (
        <>
          {newer.length > 0 && (
            <div class="actions">
              <p>{t.t('studio.runs.moveLead')}</p>
              {newer.map((release) => (
                <ButtonForm
                  action={`${base}/release`}
                  csrf={csrf}
                  hidden={{ release: String(release.id) }}
                  label={t.t('studio.runs.moveTo', { code: run.code, number: release.number })}
                />
              ))}
            </div>
          )}
          <details open={!!editing}>
            <summary>{t.t('studio.runs.edit', { code: run.code })}</summary>
            <RunForm
              t={t}
              csrf={csrf}
              state={state}
              action={`${base}/settings`}
              prefix={`run-${run.uuid}`}
              values={editing?.values ?? state.settingsOf(run)}
              errors={editing?.errors ?? {}}
              submit={t.t('studio.runs.save')}
            />
          </details>
          <details open={!!grading}>
            <summary>{t.t('studio.runs.editGrading', { code: run.code })}</summary>
            <GradingForm
              t={t}
              csrf={csrf}
              action={`${base}/grading`}
              prefix={`grading-${run.uuid}`}
              values={grading?.values ?? state.gradingOf(run)}
              errors={grading?.errors ?? {}}
            />
          </details>
        </>
      )}
    </section>
  );
}

function CreateRun({ t, csrf, state }: Props) {
  return (
    <section aria-labelledby="new-run-heading">
      <h3 id="new-run-heading">{t.t('studio.runs.new')}</h3>
      <RunForm
        t={t}
        csrf={csrf}
        state={state}
        action={`/studio/courses/${state.studio.course.key}/runs`}
        prefix="new"
        values={state.create.values}
        errors={state.create.errors}
        submit={t.t('studio.runs.create')}
        isNew
      />
    </section>
  );
}

type RunFormProps = Props & {
  action: string;
  prefix: string;
  values: RunValues;
  errors: FieldErrors;
  submit: string;
  isNew?: boolean;
};

function RunForm({ t, csrf, state, action, prefix, values, errors, submit, isNew }: RunFormProps) {
  const shown = prefixed(prefix, errors);
  const ids = Object.fromEntries(Object.keys(shown).map((id) => [id, id]));
  const id = (name: string) => `${prefix}-${name}`;
  const field = (name: keyof RunValues) => ({ t, id: id(name), name, value: values[name], error: shown[id(name)] });
  const languages = [...new Set([...state.studio.metadata.languages, values.language].filter(Boolean))];
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary t={t} errors={shown} fields={ids} />
      <input type="hidden" name="_csrf" value={csrf} />
      {isNew && (
        <>
          <TextField
            {...field('code')}
            label={t.t('studio.runs.code')}
            hint={t.t('studio.runs.codeHint')}
            required
            dir="ltr"
          />
          <SelectField
            {...field('release')}
            error={shown[id('releaseId')]}
            label={t.t('studio.runs.release')}
            options={state.releases.map((release) => ({
              value: String(release.id),
              label: t.t('studio.runs.releaseOption', {
                number: release.number,
                date: formatDay(t, release.publishedAt),
              }),
            }))}
          />
        </>
      )}
      <SelectField
        {...field('pacing')}
        label={t.t('studio.runs.pacing')}
        options={PACINGS.map((pacing) => ({ value: pacing, label: t.t(`studio.pacing.${pacing}`) }))}
      />
      <SelectField
        {...field('language')}
        label={t.t('studio.runs.language')}
        options={languages.map((tag) => ({ value: tag, label: languageName(t, tag) }))}
      />
      <DateField {...field('enrollmentOpensAt')} label={t.t('studio.runs.enrollmentOpens')} />
      <DateField {...field('enrollmentClosesAt')} label={t.t('studio.runs.enrollmentCloses')} />
      <DateField {...field('startsAt')} label={t.t('studio.runs.startsAt')} />
      <DateField {...field('endsAt')} label={t.t('studio.runs.endsAt')} />
      <TextField
        {...field('capacity')}
        type="number"
        min={1}
        label={t.t('studio.runs.capacity')}
        hint={t.t('studio.runs.capacityHint')}
      />
      <SelectField
        {...field('certificatePolicy')}
        label={t.t('studio.runs.certificate')}
        options={CERTIFICATE_POLICIES.map((policy) => ({ value: policy, label: t.t(`studio.certificate.${policy}`) }))}
      />
      <p class="actions">
        <button type="submit" class="button">
          {submit}
        </button>
      </p>
    </form>
  );
}

type GradingFormProps = {
  t: T;
  csrf: string;
  action: string;
  prefix: string;
  values: GradingValues;
  errors: FieldErrors;
};

function GradingForm({ t, csrf, action, prefix, values, errors }: GradingFormProps) {
  const shown = prefixed(prefix, errors);
  const ids = Object.fromEntries(Object.keys(shown).map((id) => [id, id]));
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary t={t} errors={shown} fields={ids} />
      <input type="hidden" name="_csrf" value={csrf} />
      <p class="hint">{t.t('studio.grading.lead')}</p>
      {values.rows.map((row, index) => (
        <fieldset>
          <legend>{t.t('studio.grading.type', { number: index + 1 })}</legend>
          <TextField
            t={t}
            id={`${prefix}-${index}-name`}
            name={`types.${index}.name`}
            label={t.t('studio.grading.name')}
            value={row.name}
            error={shown[`${prefix}-${index}-name`]}
            maxLength={60}
          />
          <TextField
            t={t}
            id={`${prefix}-${index}-weight`}
            name={`types.${index}.weight`}
            type="number"
            min={0}
            max={100}
            label={t.t('studio.grading.weight')}
            value={row.weight}
            error={shown[`${prefix}-${index}-weight`]}
          />
          <TextField
            t={t}
            id={`${prefix}-${index}-dropLowest`}
            name={`types.${index}.dropLowest`}
            type="number"
            min={0}
            max={50}
            label={t.t('studio.grading.dropLowest')}
            value={row.dropLowest}
            error={shown[`${prefix}-${index}-dropLowest`]}
          />
        </fieldset>
      ))}
      <TextField
        t={t}
        id={`${prefix}-passMark`}
        name="passMark"
        type="number"
        min={0}
        max={100}
        label={t.t('studio.grading.passMark')}
        value={values.passMark}
        error={shown[`${prefix}-passMark`]}
      />
      <p class="actions">
        <button type="submit" class="button">
          {t.t('studio.grading.save')}
        </button>
      </p>
    </form>
  );
}
