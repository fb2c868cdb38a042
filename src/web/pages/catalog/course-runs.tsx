import type { CourseRun } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { ANONYMOUS_RUN_STATE, type RunEnrollmentState } from '../enroll/course-state.ts';
import { runAnchor } from '../enroll/paths.ts';
import { RunEnrollment } from '../enroll/run-controls.tsx';

/** Same rule as the catalog: open from the opening (or always) until closing, else until the run ends. */
function describeEnrollment(t: T, run: CourseRun, now: Date): string {
  const closes = run.enrollmentClosesAt ?? run.endsAt;
  if (run.enrollmentOpensAt && run.enrollmentOpensAt.getTime() > now.getTime()) {
    return t.t('catalog.course.run.enrollmentFrom', { date: t.formatDate(run.enrollmentOpensAt) });
  }
  if (closes && closes.getTime() <= now.getTime()) return t.t('catalog.course.run.enrollmentClosed');
  return closes
    ? t.t('catalog.course.run.enrollmentUntil', { date: t.formatDate(closes) })
    : t.t('catalog.course.run.enrollmentOpen');
}

function describeDates(t: T, run: CourseRun): string {
  if (run.startsAt && run.endsAt) {
    return t.t('catalog.course.run.range', { start: t.formatDate(run.startsAt), end: t.formatDate(run.endsAt) });
  }
  if (run.startsAt) return t.t('catalog.course.run.from', { date: t.formatDate(run.startsAt) });
  return t.t('catalog.course.run.anyTime');
}

function RunFacts({ t, run, now }: { t: T; run: CourseRun; now: Date }) {
  return (
    <dl class="facts">
      <dt>{t.t('catalog.course.run.dates')}</dt>
      <dd>{describeDates(t, run)}</dd>
      <dt>{t.t('catalog.course.run.pacing')}</dt>
      <dd>{t.t(`catalog.pacing.${run.pacing}`)}</dd>
      <dt>{t.t('catalog.course.run.language')}</dt>
      <dd>{t.languageName(run.language)}</dd>
      <dt>{t.t('catalog.course.run.enrollment')}</dt>
      <dd>{describeEnrollment(t, run, now)}</dd>
      <dt>{t.t('catalog.course.run.certificate')}</dt>
      <dd>{t.t(`catalog.course.certificate.${run.certificatePolicy}`)}</dd>
    </dl>
  );
}

type RunListProps = {
  t: T;
  courseKey: string;
  runs: readonly CourseRun[];
  now: Date;
  /** The viewer's place in each run; personal parts are filled for signed-in viewers only. */
  enrollment?: RunEnrollmentState;
};

/** The runs a learner can still join or follow, each with its enroll, continue or leave controls. */
export function RunList({ t, courseKey, runs, now, enrollment = ANONYMOUS_RUN_STATE }: RunListProps) {
  if (runs.length === 0) return <p>{t.t('catalog.course.noRuns')}</p>;
  return (
    <ul class="cards">
      {runs.map((run) => (
        <li class="card" id={runAnchor(run.code)}>
          <h3>{t.t('catalog.course.run', { code: run.code })}</h3>
          <RunFacts t={t} run={run} now={now} />
          <RunEnrollment t={t} courseKey={courseKey} run={run} now={now} state={enrollment} />
        </li>
      ))}
    </ul>
  );
}
