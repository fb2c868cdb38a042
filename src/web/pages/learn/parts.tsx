import type { ComponentChildren } from 'preact';
import type { RunPhase } from '../../../modules/courseware/index.ts';
import type { CourseRun } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { percentOf } from './shared.ts';

export type Crumb = { label: string; href?: string; lang?: string };

/** Where the page sits: My learning › course › section › unit; the last one is the page itself. */
export function Breadcrumbs({ t, crumbs }: { t: T; crumbs: readonly Crumb[] }) {
  return (
    <nav aria-label={t.t('learn.breadcrumbs')} class="breadcrumbs">
      <ol>
        {crumbs.map((crumb, index) => (
          <li lang={crumb.lang}>
            {crumb.href && index < crumbs.length - 1 ? (
              <a href={crumb.href}>{crumb.label}</a>
            ) : (
              <span aria-current={index === crumbs.length - 1 ? 'page' : undefined}>{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Completed blocks as a bar and as words, so the figure never depends on seeing the bar. */
export function ProgressMeter({ t, id, done, total }: { t: T; id: string; done: number; total: number }) {
  const percent = percentOf(done, total);
  return (
    <p class="progress-meter">
      <progress id={id} max={Math.max(total, 1)} value={done} aria-labelledby={`${id}-text`}>
        {percent}%
      </progress>{' '}
      <span id={`${id}-text`}>{t.t('learn.progress.blocks', { done, total, percent })}</span>
    </p>
  );
}

function formatDay(t: T, date: Date): string {
  return t.formatDate(date, { dateStyle: 'medium' });
}

/** The run's dates in one line: self-paced, or from start to end. */
export function RunDates({ t, run }: { t: T; run: CourseRun }) {
  if (run.pacing === 'self_paced' && !run.endsAt) return <>{t.t('learn.run.selfPaced', { code: run.code })}</>;
  if (run.startsAt && run.endsAt) {
    return (
      <>
        {t.t('learn.run.dates', { code: run.code, start: formatDay(t, run.startsAt), end: formatDay(t, run.endsAt) })}
      </>
    );
  }
  if (run.endsAt) return <>{t.t('learn.run.endsOn', { code: run.code, end: formatDay(t, run.endsAt) })}</>;
  return <>{t.t('learn.run.code', { code: run.code })}</>;
}

/** What the reader should know about the run before reading on: not started, ended, or a preview. */
export function RunNotice({ t, run, phase, preview }: { t: T; run: CourseRun; phase: RunPhase; preview: boolean }) {
  const notices: ComponentChildren[] = [];
  if (preview) notices.push(<p>{t.t('learn.notice.preview')}</p>);
  if (phase === 'not_started' && run.startsAt) {
    notices.push(<p>{t.t('learn.notice.notStarted', { date: formatDay(t, run.startsAt) })}</p>);
  }
  if (phase === 'ended' && run.endsAt) {
    notices.push(<p>{t.t('learn.notice.ended', { date: formatDay(t, run.endsAt) })}</p>);
  }
  if (notices.length === 0) return null;
  return (
    <div class="alert" role="status">
      {notices}
    </div>
  );
}

/** The data saver switch: a plain form, so it works everywhere and without script. */
export function DataSaverToggle({
  t,
  enabled,
  csrfToken,
  back,
}: {
  t: T;
  enabled: boolean;
  csrfToken: string;
  back: string;
}) {
  return (
    <form method="post" action="/preferences/data-saver" class="data-saver">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="next" value={back} />
      <input type="hidden" name="enabled" value={enabled ? '0' : '1'} />
      <p>
        <strong>{enabled ? t.t('learn.dataSaver.on') : t.t('learn.dataSaver.off')}</strong>{' '}
        <span class="hint">{t.t('learn.dataSaver.explain')}</span>{' '}
        <button type="submit" class="button-secondary button-small">
          {enabled ? t.t('learn.dataSaver.turnOff') : t.t('learn.dataSaver.turnOn')}
        </button>
      </p>
    </form>
  );
}
