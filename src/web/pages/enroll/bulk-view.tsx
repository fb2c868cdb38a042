import { MAX_BULK_EMAILS, type BulkEnrollmentReport, type RunLearnerPage } from '../../../modules/enrollment/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { Alert, TextAreaField } from '../../views/forms.tsx';
import { learnersPath } from './paths.ts';

/** What the bulk form shows: the text typed, a problem with it, or the report of a finished run. */
export type BulkState = { text: string; error?: MessageKey; report?: BulkEnrollmentReport };

/** A report lists this many failures; the counts above it cover the rest. */
const MAX_LISTED_FAILURES = 1_000;

type Props = { t: T; csrf: string; page: RunLearnerPage; bulk: BulkState; placement: 'report' | 'form' };

export function BulkSection({ t, csrf, page, bulk, placement }: Props) {
  if (placement === 'report') return bulk.report ? <Report t={t} report={bulk.report} /> : null;
  const max = t.formatNumber(MAX_BULK_EMAILS);
  return (
    <section aria-labelledby="bulk-heading">
      <h3 id="bulk-heading">{t.t('enroll.bulk.title')}</h3>
      <p>{t.t('enroll.bulk.lead')}</p>
      <form
        method="post"
        action={`${learnersPath(page.course.key, page.run.code)}/bulk`}
        enctype="multipart/form-data"
        class="form"
        novalidate
      >
        {bulk.error && (
          <Alert kind="error">
            <p>{t.t(bulk.error, { max })}</p>
          </Alert>
        )}
        <input type="hidden" name="_csrf" value={csrf} />
        <TextAreaField
          t={t}
          id="bulk-emails"
          name="emails"
          label={t.t('enroll.bulk.emails')}
          hint={t.t('enroll.bulk.emailsHint')}
          value={bulk.text}
          rows={8}
          dir="ltr"
        />
        <div class="field">
          <label for="bulk-file">{t.t('enroll.bulk.file')}</label>
          <span class="hint" id="bulk-file-hint">
            {t.t('enroll.bulk.fileHint', { max })}
          </span>
          <input
            id="bulk-file"
            name="file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby="bulk-file-hint"
          />
        </div>
        <p class="actions">
          <button type="submit">{t.t('enroll.bulk.submit')}</button>
        </p>
      </form>
    </section>
  );
}

function Report({ t, report }: { t: T; report: BulkEnrollmentReport }) {
  const listed = report.failures.slice(0, MAX_LISTED_FAILURES);
  return (
    <section aria-labelledby="report-heading" class="enroll-report">
      <Alert kind={report.failures.length === 0 ? 'success' : 'info'}>
        <h3 id="report-heading">{t.t('enroll.report.title')}</h3>
        <ul>
          <li>{t.t('enroll.report.enrolled', { count: report.enrolled })}</li>
          <li>{t.t('enroll.report.already', { count: report.alreadyEnrolled })}</li>
          <li>{t.t('enroll.report.failed', { count: report.failures.length })}</li>
        </ul>
      </Alert>
      {listed.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t.t('enroll.report.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('enroll.report.email')}</th>
                <th scope="col">{t.t('enroll.report.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((failure) => (
                <tr>
                  <td dir="ltr">{failure.email}</td>
                  <td>{t.t(`enroll.report.reason.${failure.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.failures.length > listed.length && (
        <p>
          {t.t('enroll.report.more', {
            shown: t.formatNumber(listed.length),
            count: t.formatNumber(report.failures.length - listed.length),
          })}
        </p>
      )}
    </section>
  );
}
