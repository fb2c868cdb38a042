import type { CourseRun } from '../../../modules/courses/index.ts';
import { readEnrollmentWindow, seatsLeft, type Enrollment } from '../../../modules/enrollment/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { Alert } from '../../views/forms.tsx';
import type { RunEnrollmentState } from './course-state.ts';
import { coursePath, learnPath, runPath, type EnrollNotice } from './paths.ts';

const NOTICE_TEXT: Record<EnrollNotice, { kind: 'error' | 'success'; key: MessageKey }> = {
  full: { kind: 'error', key: 'enroll.notice.full' },
  closed: { kind: 'error', key: 'enroll.notice.closed' },
  not_open_yet: { kind: 'error', key: 'enroll.notice.notOpenYet' },
  left: { kind: 'success', key: 'enroll.notice.left' },
};

type Props = { t: T; courseKey: string; run: CourseRun; now: Date; state: RunEnrollmentState };

/** Names the run inside a control's text for screen readers, where several runs sit side by side. */
function ForRun({ t, code }: { t: T; code: string }) {
  return <span class="visually-hidden">{t.t('enroll.run.forRun', { code })}</span>;
}

/**
 * Enroll, Continue or Leave for one run, with the seats left when the run has a capacity.
 * Closed and future windows show no control: the run's facts already say when enrollment opens.
 */
export function RunEnrollment({ t, courseKey, run, now, state }: Props) {
  const mine = state.mine.get(run.id);
  const notice = state.notice?.code === run.code ? NOTICE_TEXT[state.notice.notice] : null;
  const seats = seatsLeft(run.capacity, state.active.get(run.id) ?? 0);
  return (
    <div class="run-enrollment">
      {notice && (
        <Alert kind={notice.kind}>
          <p>{t.t(notice.key, { code: run.code })}</p>
        </Alert>
      )}
      {mine?.status === 'active' ? (
        <Enrolled t={t} courseKey={courseKey} run={run} />
      ) : (
        <>
          {seats !== null && <p class="meta">{t.t('enroll.run.seatsLeft', { count: seats })}</p>}
          {readEnrollmentWindow(run, now) === 'open' &&
            (seats === 0 ? (
              <p>{t.t('enroll.run.full')}</p>
            ) : (
              <EnrollControl t={t} courseKey={courseKey} run={run} state={state} left={mine} />
            ))}
        </>
      )}
    </div>
  );
}

function Enrolled({ t, courseKey, run }: { t: T; courseKey: string; run: CourseRun }) {
  return (
    <>
      <p>{t.t('enroll.run.enrolled')}</p>
      <p class="actions">
        <a class="button" href={learnPath(courseKey, run.code)}>
          {t.t('enroll.run.continue')}
          <ForRun t={t} code={run.code} />
        </a>
        <a href={`${runPath(courseKey, run.code)}/unenroll`}>
          {t.t('enroll.run.leave')}
          <ForRun t={t} code={run.code} />
        </a>
      </p>
    </>
  );
}

type ControlProps = {
  t: T;
  courseKey: string;
  run: CourseRun;
  state: RunEnrollmentState;
  left: Enrollment | undefined;
};

function EnrollControl({ t, courseKey, run, state, left }: ControlProps) {
  if (!state.signedIn) {
    return (
      <>
        <p class="actions">
          <a class="button" href={`/sign-in?next=${encodeURIComponent(coursePath(courseKey))}`}>
            {t.t('enroll.run.enroll')}
            <ForRun t={t} code={run.code} />
          </a>
        </p>
        <p class="hint">{t.t('enroll.run.signInHint')}</p>
      </>
    );
  }
  return (
    <>
      {left?.unenrolledAt && (
        <p>{t.t('enroll.run.leftOn', { date: t.formatDate(left.unenrolledAt, { dateStyle: 'medium' }) })}</p>
      )}
      <form method="post" action={`${runPath(courseKey, run.code)}/enroll`} class="actions">
        <input type="hidden" name="_csrf" value={state.csrf} />
        <button type="submit">
          {t.t('enroll.run.enroll')}
          <ForRun t={t} code={run.code} />
        </button>
      </form>
      <p class="hint">{t.t('enroll.run.enrollHint')}</p>
    </>
  );
}
