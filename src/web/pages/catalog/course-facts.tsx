import { computeWorkloadHours, type CourseMetadata } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { levelLabel, listLanguages, subjectLabel } from '../../views/course-card.tsx';
import { licenceUrl } from './licences.ts';

function Licence({ t, licence }: { t: T; licence: string }) {
  if (licence === 'proprietary') return <>{t.t('catalog.course.licence.proprietary')}</>;
  const href = licenceUrl(licence);
  return href ? (
    <a href={href} rel="license noopener" dir="ltr">
      {licence}
    </a>
  ) : (
    <>{licence}</>
  );
}

/** Level, languages, subjects, effort, credits and licence as a description list. */
export function CourseFacts({ t, metadata }: { t: T; metadata: CourseMetadata }) {
  const workload = computeWorkloadHours(metadata.effort);
  const subjects = new Intl.ListFormat(t.locale, { type: 'conjunction' }).format(
    metadata.subjects.map((subject) => subjectLabel(t, subject)),
  );
  return (
    <dl class="facts">
      <dt>{t.t('catalog.course.level')}</dt>
      <dd>{levelLabel(t, metadata.level)}</dd>
      <dt>{t.t('catalog.course.languages')}</dt>
      <dd>{listLanguages(t, metadata.languages)}</dd>
      {metadata.subjects.length > 0 && (
        <>
          <dt>{t.t('catalog.course.subjects')}</dt>
          <dd>{subjects}</dd>
        </>
      )}
      {metadata.effort && (
        <>
          <dt>{t.t('catalog.course.effort')}</dt>
          <dd>
            {t.t('catalog.course.effortValue', { hours: metadata.effort.hoursPerWeek, weeks: metadata.effort.weeks })}
          </dd>
        </>
      )}
      {workload !== null && (
        <>
          <dt>{t.t('catalog.course.workload')}</dt>
          <dd>{t.t('catalog.card.workload', { hours: workload })}</dd>
        </>
      )}
      {metadata.ectsCredits !== null && (
        <>
          <dt>{t.t('catalog.course.ects')}</dt>
          <dd>{t.formatNumber(metadata.ectsCredits)}</dd>
        </>
      )}
      <dt>{t.t('catalog.course.licence')}</dt>
      <dd>
        <Licence t={t} licence={metadata.licence} />
      </dd>
    </dl>
  );
}
