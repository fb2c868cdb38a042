import type { RunLearnerPage } from '../../../modules/enrollment/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { SelectField, TextField } from '../../views/forms.tsx';
import { StudioFrame, studioCoursePath } from '../../views/studio-layout.tsx';
import { formatDay } from '../studio/fields.tsx';
import type { StudioCourse } from '../studio/shared.ts';
import { BulkSection, type BulkState } from './bulk-view.tsx';
import { learnersPath } from './paths.ts';

export type { BulkState };
export type LearnerFilter = { status: 'all' | 'active' | 'unenrolled'; q: string; page: number };

type Props = {
  t: T;
  csrf: string;
  studio: StudioCourse;
  page: RunLearnerPage;
  filter: LearnerFilter;
  bulk: BulkState;
  canEnroll: boolean;
};

export function LearnersView({ t, csrf, studio, page, filter, bulk, canEnroll }: Props) {
  const { run } = page;
  return (
    <StudioFrame t={t} course={{ key: studio.course.key, title: studio.title }} current="runs">
      <p>
        <a href={studioCoursePath(studio.course.key, 'runs')}>{t.t('enroll.learners.back')}</a>
      </p>
      <h2>{t.t('enroll.learners.title', { code: run.code })}</h2>
      {canEnroll && bulk.report && <BulkSection t={t} csrf={csrf} page={page} bulk={bulk} placement="report" />}
      <Counts t={t} page={page} />
      <Filter t={t} page={page} filter={filter} />
      <LearnerTable t={t} page={page} />
      <Pagination t={t} page={page} filter={filter} />
      {canEnroll && <BulkSection t={t} csrf={csrf} page={page} bulk={bulk} placement="form" />}
    </StudioFrame>
  );
}

function Counts({ t, page }: { t: T; page: RunLearnerPage }) {
  const { counts } = page;
  return (
    <section aria-labelledby="learner-counts">
      <h3 id="learner-counts">{t.t('enroll.learners.summary')}</h3>
      <ul class="stats">
        <li>{t.t('enroll.learners.active', { count: counts.active })}</li>
        <li>{t.t('enroll.learners.unenrolled', { count: counts.unenrolled })}</li>
        <li>
          {counts.seatsLeft === null
            ? t.t('enroll.learners.unlimited')
            : t.t('enroll.learners.seatsLeft', { count: counts.seatsLeft })}
        </li>
      </ul>
    </section>
  );
}

function Filter({ t, page, filter }: { t: T; page: RunLearnerPage; filter: LearnerFilter }) {
  const statuses: Array<{ value: LearnerFilter['status']; key: MessageKey }> = [
    { value: 'all', key: 'enroll.learners.status.all' },
    { value: 'active', key: 'enroll.status.active' },
    { value: 'unenrolled', key: 'enroll.status.unenrolled' },
  ];
  return (
    <section aria-labelledby="learner-filter">
      <h3 id="learner-filter">{t.t('enroll.learners.filter')}</h3>
      <form method="get" action={learnersPath(page.course.key, page.run.code)} class="form learner-filter">
        <TextField
          t={t}
          id="learner-q"
          name="q"
          label={t.t('enroll.learners.search')}
          value={filter.q}
          maxLength={200}
        />
        <SelectField
          t={t}
          id="learner-status"
          name="status"
          label={t.t('enroll.learners.status')}
          value={filter.status}
          options={statuses.map((status) => ({ value: status.value, label: t.t(status.key) }))}
        />
        <p class="actions">
          <button type="submit">{t.t('enroll.learners.apply')}</button>
        </p>
      </form>
    </section>
  );
}

function LearnerTable({ t, page }: { t: T; page: RunLearnerPage }) {
  if (page.items.length === 0) return <p>{t.t('enroll.learners.empty')}</p>;
  return (
    <div class="table-wrap">
      <table class="learner-table">
        <caption>{t.t('enroll.learners.caption', { count: page.total })}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('enroll.learners.name')}</th>
            <th scope="col">{t.t('enroll.learners.email')}</th>
            <th scope="col">{t.t('enroll.learners.mode')}</th>
            <th scope="col">{t.t('enroll.learners.statusColumn')}</th>
            <th scope="col">{t.t('enroll.learners.enrolledAt')}</th>
            <th scope="col">{t.t('enroll.learners.source')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map(({ enrollment, name, email }) => (
            <tr>
              <td>{name}</td>
              <td dir="ltr">{email}</td>
              <td>{t.t(`enroll.mode.${enrollment.mode}`)}</td>
              <td>{t.t(`enroll.status.${enrollment.status}`)}</td>
              <td>{formatDay(t, enrollment.enrolledAt)}</td>
              <td>{t.t(`enroll.source.${enrollment.source}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function pageHref(page: RunLearnerPage, filter: LearnerFilter, number: number): string {
  const query = new URLSearchParams();
  if (filter.status !== 'all') query.set('status', filter.status);
  if (filter.q) query.set('q', filter.q);
  if (number > 1) query.set('page', String(number));
  const search = query.toString();
  return `${learnersPath(page.course.key, page.run.code)}${search ? `?${search}` : ''}`;
}

function Pagination({ t, page, filter }: { t: T; page: RunLearnerPage; filter: LearnerFilter }) {
  if (page.pageCount <= 1) return null;
  return (
    <nav aria-label={t.t('enroll.learners.pages')} class="pagination">
      <ul>
        {page.page > 1 && (
          <li>
            <a href={pageHref(page, filter, page.page - 1)} rel="prev">
              {t.t('enroll.learners.previous')}
            </a>
          </li>
        )}
        <li aria-current="page">{t.t('enroll.learners.pageOf', { page: page.page, count: page.pageCount })}</li>
        {page.page < page.pageCount && (
          <li>
            <a href={pageHref(page, filter, page.page + 1)} rel="next">
              {t.t('enroll.learners.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
