import type { Gradebook, GradebookRow } from '../../../modules/assessment/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { Alert, SelectField, TextField } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import { formatGrade, gradebookPath } from './format.ts';
import { filterQueryString, type GradebookFilter } from './gradebook-form.ts';

/** A rejected override, shown again in its row with what was typed. */
export type FailedOverride = { enrollmentUuid: string; grade: string; reason: string };

export type GradebookState = {
  book: Gradebook;
  courseTitle: string;
  filter: GradebookFilter;
  notice?: { kind: 'error' | 'success'; key: MessageKey } | undefined;
  failed?: FailedOverride | undefined;
};

type Props = { t: T; csrf: string; state: GradebookState };

function PolicyLine({ t, book }: { t: T; book: Gradebook }) {
  const types = book.policy.assignmentTypes
    .map((type) => t.t('grades.gradebook.policyType', { name: type.name, weight: formatGrade(t, type.weight) }))
    .join(t.t('studio.listSeparator'));
  return (
    <p>
      {t.t('grades.gradebook.policy', {
        count: book.policy.assignmentTypes.length,
        types,
        mark: formatGrade(t, book.policy.passMark),
      })}
    </p>
  );
}

function Filters({ t, state }: { t: T; state: GradebookState }) {
  const { book, filter } = state;
  return (
    <form method="get" action={gradebookPath(book.course.key, book.run.code)} class="filters gradebook-filters">
      <fieldset>
        <legend>{t.t('grades.gradebook.filters')}</legend>
        <TextField t={t} id="gradebook-q" name="q" label={t.t('grades.gradebook.q')} value={filter.q} maxLength={200} />
        <SelectField
          t={t}
          id="gradebook-status"
          name="status"
          label={t.t('grades.gradebook.status')}
          value={filter.status}
          options={[
            { value: '', label: t.t('grades.gradebook.statusAll') },
            { value: 'passed', label: t.t('grades.gradebook.statusPassed') },
            { value: 'not_passed', label: t.t('grades.gradebook.statusNotPassed') },
          ]}
        />
        <SelectField
          t={t}
          id="gradebook-type"
          name="type"
          label={t.t('grades.gradebook.type')}
          value={filter.type}
          options={[
            { value: '', label: t.t('grades.gradebook.typeAll') },
            ...book.policy.assignmentTypes.map((type) => ({ value: type.name, label: type.name })),
          ]}
        />
        <button type="submit">{t.t('grades.gradebook.apply')}</button>
      </fieldset>
    </form>
  );
}

function OverrideForm({ t, csrf, state, row }: Props & { row: GradebookRow }) {
  const { book, failed } = state;
  const mine = failed?.enrollmentUuid === row.enrollmentUuid ? failed : undefined;
  const id = `override-${row.enrollmentUuid}`;
  const current = row.override === null ? '' : String(Math.round(row.override * 1000) / 10);
  return (
    <details open={!!mine}>
      <summary aria-label={t.t('grades.gradebook.overrideSummary', { name: row.name })}>
        {t.t('grades.gradebook.actions')}
      </summary>
      <form
        method="post"
        action={gradebookPath(book.course.key, book.run.code, `/${row.enrollmentUuid}/override`)}
        class="override-form"
      >
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="back" value={filterQueryString(state.filter)} />
        {mine && (
          <p class="field-error" id={`${id}-error`}>
            {t.t('grades.notice.invalid')}
          </p>
        )}
        <div class="field">
          <label for={`${id}-grade`}>{t.t('grades.gradebook.overrideGrade')}</label>
          <input
            id={`${id}-grade`}
            name="grade"
            type="text"
            inputMode="decimal"
            size={6}
            value={mine ? mine.grade : current}
            aria-invalid={mine ? 'true' : undefined}
            aria-describedby={mine ? `${id}-error` : undefined}
          />
        </div>
        <div class="field">
          <label for={`${id}-reason`}>{t.t('grades.gradebook.overrideReason')}</label>
          <input
            id={`${id}-reason`}
            name="reason"
            type="text"
            required
            minLength={3}
            maxLength={500}
            value={mine?.reason ?? ''}
            aria-invalid={mine ? 'true' : undefined}
            aria-describedby={mine ? `${id}-error` : undefined}
          />
        </div>
        <button type="submit" class="button-small">
          {t.t('grades.gradebook.overrideSave')}
        </button>
      </form>
    </details>
  );
}

function GradeCell({ t, row }: { t: T; row: GradebookRow }) {
  return (
    <td>
      <strong>{formatGrade(t, row.grade)}</strong>
      {row.override !== null && (
        <span class="hint">
          <br />
          {t.t('grades.gradebook.overrideShown', {
            grade: formatGrade(t, row.override),
            computed: formatGrade(t, row.computed),
          })}
          {row.overrideReason && (
            <>
              <br />
              {t.t('grades.gradebook.overrideReasonShown', { reason: row.overrideReason })}
            </>
          )}
        </span>
      )}
    </td>
  );
}

function Row({ t, csrf, state, row }: Props & { row: GradebookRow }) {
  const { book } = state;
  return (
    <tr class={row.passed ? 'gradebook-passed' : undefined}>
      <th scope="row">
        <bdi>{row.name}</bdi>
        <br />
        <span class="hint" dir="ltr">
          {row.email}
        </span>
      </th>
      <td>{t.t(row.mode === 'verified' ? 'grades.gradebook.modeVerified' : 'grades.gradebook.modeAudit')}</td>
      {row.scores.map((score) => (
        <td class="numeric">
          {score === null ? (
            <>
              <span aria-hidden="true">–</span>
              <span class="visually-hidden">{t.t('grades.gradebook.notAttempted')}</span>
            </>
          ) : (
            t.formatNumber(score)
          )}
        </td>
      ))}
      {row.averages.map((average) => (
        <td class="numeric">{formatGrade(t, average)}</td>
      ))}
      <GradeCell t={t} row={row} />
      <td>
        {row.passedAt
          ? t.t('grades.gradebook.passedOn', { date: t.formatDate(row.passedAt, { dateStyle: 'medium' }) })
          : t.t('grades.gradebook.no')}
      </td>
      {book.canOverride && (
        <td>
          <OverrideForm t={t} csrf={csrf} state={state} row={row} />
        </td>
      )}
    </tr>
  );
}

function GradeTable(props: Props) {
  const { t, state } = props;
  const { book } = state;
  return (
    <div class="table-wrap gradebook-wrap" role="region" aria-labelledby="gradebook-caption" tabIndex={0}>
      <table class="gradebook">
        <caption id="gradebook-caption">
          {t.t('grades.gradebook.caption', { page: book.page, pages: book.pageCount })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.t('grades.gradebook.learner')}</th>
            <th scope="col">{t.t('grades.gradebook.mode')}</th>
            {book.quizzes.map((quiz) => (
              <th scope="col">{t.t('grades.gradebook.quizHeader', { title: quiz.title, max: quiz.maxScore })}</th>
            ))}
            {book.policy.assignmentTypes.map((type) => (
              <th scope="col">{t.t('grades.gradebook.averageHeader', { type: type.name })}</th>
            ))}
            <th scope="col">{t.t('grades.gradebook.grade')}</th>
            <th scope="col">{t.t('grades.gradebook.passed')}</th>
            {book.canOverride && <th scope="col">{t.t('grades.gradebook.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {book.rows.map((row) => (
            <Row {...props} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ t, state }: { t: T; state: GradebookState }) {
  const { book, filter } = state;
  if (book.pageCount <= 1) return null;
  const link = (page: number) => gradebookPath(book.course.key, book.run.code, filterQueryString({ ...filter, page }));
  return (
    <nav aria-label={t.t('grades.gradebook.pages')} class="pager">
      {book.page > 1 && <a href={link(book.page - 1)}>{t.t('grades.gradebook.previous')}</a>}{' '}
      <span>{t.t('grades.gradebook.pageOf', { page: book.page, pages: book.pageCount })}</span>{' '}
      {book.page < book.pageCount && <a href={link(book.page + 1)}>{t.t('grades.gradebook.next')}</a>}
    </nav>
  );
}

/** The studio gradebook: policy, filters (a GET form), the learners × quizzes table, paging and overrides. */
export function GradebookView(props: Props) {
  const { t, state } = props;
  const { book } = state;
  const base = `/studio/courses/${encodeURIComponent(book.course.key)}/runs/${encodeURIComponent(book.run.code)}`;
  return (
    <StudioFrame t={t} course={{ key: book.course.key, title: state.courseTitle }} current="runs">
      <h2>{t.t('grades.gradebook.heading', { code: book.run.code })}</h2>
      {state.notice && (
        <Alert kind={state.notice.kind}>
          <p>{t.t(state.notice.key)}</p>
        </Alert>
      )}
      <PolicyLine t={t} book={book} />
      <nav aria-label={t.t('grades.gradebook.links')}>
        <ul class="inline-list">
          <li>
            <a href={`${base}/learners`}>{t.t('grades.gradebook.learners', { code: book.run.code })}</a>
          </li>
          <li>
            <a href={gradebookPath(book.course.key, book.run.code, '.csv')} download>
              {t.t('grades.gradebook.download')}
            </a>
          </li>
        </ul>
      </nav>
      {!book.canOverride && <p class="hint">{t.t('grades.gradebook.viewOnly')}</p>}
      <Filters t={t} state={state} />
      <p role="status">{t.t('grades.gradebook.count', { total: book.total })}</p>
      {book.quizzes.length === 0 && <p>{t.t('grades.gradebook.noQuizzes')}</p>}
      {book.rows.length > 0 && <GradeTable {...props} />}
      <Pager t={t} state={state} />
    </StudioFrame>
  );
}
