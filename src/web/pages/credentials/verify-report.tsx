import type {
  CredentialFacts,
  StepOutcome,
  VerificationReport,
  VerificationStep,
  VerificationVerdict,
} from '../../../modules/credentials/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { VERIFY_PATH, credentialPath } from './paths.ts';

/** Which facts a report may show: all of them for a presented credential, a few for one looked up by id. */
export type FactScope = 'all' | 'summary';

export type ReportState = {
  report: VerificationReport;
  scope: FactScope;
  /** The credential's own page, when the viewer may open it. */
  pageUuid?: string | undefined;
};

const VERDICT_TEXT: Record<VerificationVerdict, { title: MessageKey; text: MessageKey; mark: string }> = {
  verified: { title: 'credentials.verdict.verified', text: 'credentials.verdict.verified.text', mark: '✓' },
  revoked: { title: 'credentials.verdict.revoked', text: 'credentials.verdict.revoked.text', mark: '✗' },
  expired: { title: 'credentials.verdict.expired', text: 'credentials.verdict.expired.text', mark: '✗' },
  not_yet_valid: {
    title: 'credentials.verdict.not_yet_valid',
    text: 'credentials.verdict.not_yet_valid.text',
    mark: '✗',
  },
  invalid: { title: 'credentials.verdict.invalid', text: 'credentials.verdict.invalid.text', mark: '✗' },
};

const OUTCOME_TEXT: Record<StepOutcome, MessageKey> = {
  passed: 'credentials.outcome.passed',
  failed: 'credentials.outcome.failed',
  skipped: 'credentials.outcome.skipped',
};

function formatIsoDate(t: T, value: string | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : t.formatDate(date);
}

function Verdict({ t, verdict }: { t: T; verdict: VerificationVerdict }) {
  const text = VERDICT_TEXT[verdict];
  return (
    <div class={verdict === 'verified' ? 'alert alert-success' : 'alert alert-error'} role="status">
      <h2 class="verdict" data-verdict={verdict}>
        <span aria-hidden="true">{text.mark}</span> {t.t(text.title)}
      </h2>
      <p>{t.t(text.text)}</p>
    </div>
  );
}

function StepRow({ t, step }: { t: T; step: VerificationStep }) {
  return (
    <tr data-step={step.id} data-outcome={step.outcome}>
      <th scope="row">{t.t(`credentials.step.${step.id}`)}</th>
      <td>{t.t(OUTCOME_TEXT[step.outcome])}</td>
      <td>
        <p>{t.t(`credentials.step.${step.id}.${step.outcome}`)}</p>
        {step.detail && (
          <details>
            <summary>{t.t('credentials.verify.technical')}</summary>
            <p lang="en" dir="ltr">
              {step.detail}
            </p>
          </details>
        )}
      </td>
    </tr>
  );
}

function Fact({ label, value, code = false }: { label: string; value: string | null; code?: boolean }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd dir="auto">{code ? <code>{value}</code> : value}</dd>
    </>
  );
}

function Facts({ t, facts, scope }: { t: T; facts: CredentialFacts; scope: FactScope }) {
  const all = scope === 'all';
  return (
    <dl class="facts">
      <Fact label={t.t('credentials.field.achievement')} value={facts.achievementName ?? facts.name} />
      <Fact label={t.t('credentials.field.learner')} value={facts.learnerName} />
      <Fact label={t.t('credentials.field.issuer')} value={facts.issuerName} />
      {all && <Fact label={t.t('credentials.field.issuerId')} value={facts.issuerId} code />}
      <Fact label={t.t('credentials.field.issued')} value={formatIsoDate(t, facts.validFrom)} />
      {all && <Fact label={t.t('credentials.field.validUntil')} value={formatIsoDate(t, facts.validUntil)} />}
      {all && <Fact label={t.t('credentials.field.result')} value={facts.result} />}
      {all && <Fact label={t.t('credentials.field.id')} value={facts.id} code />}
    </dl>
  );
}

/** The verdict first and large, then every check with what it found, then what the credential states. */
export function VerificationReportView({ t, state }: { t: T; state: ReportState }) {
  const { report } = state;
  return (
    <>
      <h1>{t.t('credentials.verify.resultTitle')}</h1>
      <Verdict t={t} verdict={report.verdict} />
      {report.credential && (
        <section aria-labelledby="verify-facts">
          <h2 id="verify-facts">{t.t('credentials.verify.facts')}</h2>
          <p>{t.t('credentials.verify.factsNote')}</p>
          <Facts t={t} facts={report.credential} scope={state.scope} />
          {state.pageUuid && (
            <p>
              <a href={credentialPath(state.pageUuid)}>{t.t('credentials.verify.openPage')}</a>
            </p>
          )}
        </section>
      )}
      <section aria-labelledby="verify-steps">
        <h2 id="verify-steps">{t.t('credentials.verify.steps')}</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.t('credentials.verify.steps')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('credentials.verify.column.check')}</th>
                <th scope="col">{t.t('credentials.verify.column.outcome')}</th>
                <th scope="col">{t.t('credentials.verify.column.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {report.steps.map((step) => (
                <StepRow t={t} step={step} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p>
        <a href={VERIFY_PATH}>{t.t('credentials.verify.again')}</a>
      </p>
    </>
  );
}
