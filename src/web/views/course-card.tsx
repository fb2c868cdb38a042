import type { LocalizedText, RunSummary } from '../../modules/catalog/index.ts';
import { LEVELS, SUBJECTS } from '../../modules/courses/index.ts';
import type { MessageKey, T } from '../messages/index.ts';

/** A text in the reader's language when the course has it, else English, else the first given. */
export type PickedText = { text: string; lang: string };

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'dv', 'yi']);

export function pickText(text: LocalizedText | null | undefined, locale: string): PickedText | null {
  if (!text) return null;
  const base = locale.split('-')[0]!;
  const entries = Object.entries(text).filter(([, value]) => value.trim().length > 0);
  const exact =
    entries.find(([tag]) => tag === locale) ??
    entries.find(([tag]) => tag.split('-')[0] === base) ??
    entries.find(([tag]) => tag === 'en') ??
    entries[0];
  return exact ? { lang: exact[0], text: exact[1] } : null;
}

/** `lang` and `dir` for text that may not be in the page's language, so screen readers and bidi get it right. */
export function languageAttributes(picked: PickedText, locale: string): { lang?: string; dir?: 'rtl' | 'ltr' } {
  if (picked.lang === locale) return {};
  return { lang: picked.lang, dir: RTL_LANGUAGES.has(picked.lang.split('-')[0]!) ? 'rtl' : 'ltr' };
}

export function levelLabel(t: T, level: string): string {
  return (LEVELS as readonly string[]).includes(level) ? t.t(`catalog.level.${level}` as MessageKey) : level;
}

export function subjectLabel(t: T, subject: string): string {
  return (SUBJECTS as readonly string[]).includes(subject) ? t.t(`catalog.subject.${subject}` as MessageKey) : subject;
}

export function listLanguages(t: T, tags: readonly string[]): string {
  return new Intl.ListFormat(t.locale, { type: 'conjunction' }).format(tags.map((tag) => t.languageName(tag)));
}

export type CardOwner = { key: string; name: LocalizedText; role: 'lead' | 'partner' };

/** What a course card shows; `nextRun` is left out where runs are not known (institution pages). */
export type CourseCardData = {
  key: string;
  title: LocalizedText;
  owners: readonly CardOwner[];
  level: string;
  languages: readonly string[];
  workloadHours: number | null;
  nextRun?: RunSummary | null;
};

function ownerNames(t: T, owners: readonly CardOwner[]): string {
  const sorted = [...owners].sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead'));
  const names = sorted.map((owner) => {
    const name = pickText(owner.name, t.locale)?.text ?? owner.key;
    return owner.role === 'lead' && owners.length > 1 ? t.t('catalog.card.lead', { name }) : name;
  });
  return new Intl.ListFormat(t.locale, { type: 'conjunction' }).format(names);
}

function NextRun({ t, run }: { t: T; run: RunSummary | null }) {
  if (!run) return <p class="meta">{t.t('catalog.card.noRun')}</p>;
  const open = run.isOpenNow ? ` · ${t.t('catalog.card.enrollmentOpen')}` : '';
  if (run.pacing === 'self_paced' || !run.startsAt) return <p class="meta">{t.t('catalog.card.selfPaced') + open}</p>;
  const text = run.endsAt
    ? t.t('catalog.card.runDates', { start: t.formatDate(run.startsAt), end: t.formatDate(run.endsAt) })
    : t.t('catalog.card.runStarts', { date: t.formatDate(run.startsAt) });
  return <p class="meta">{text + open}</p>;
}

export function CourseCard({ t, course }: { t: T; course: CourseCardData }) {
  const title = pickText(course.title, t.locale) ?? { text: course.key, lang: 'en' };
  const joint = course.owners.length > 1;
  return (
    <li class="card course-card">
      <h3>
        <a href={`/courses/${course.key}`} {...languageAttributes(title, t.locale)}>
          {title.text}
        </a>
      </h3>
      <p class="meta">{t.t('catalog.card.owners', { names: ownerNames(t, course.owners) })}</p>
      {joint && (
        <p>
          <span class="badge badge-joint">{t.t('catalog.card.joint')}</span>
        </p>
      )}
      <p class="meta">{t.t('catalog.card.level', { level: levelLabel(t, course.level) })}</p>
      {course.languages.length > 0 && (
        <p class="meta">{t.t('catalog.card.languages', { languages: listLanguages(t, course.languages) })}</p>
      )}
      {course.nextRun !== undefined && <NextRun t={t} run={course.nextRun} />}
      {course.workloadHours !== null && course.workloadHours > 0 && (
        <p class="meta">{t.t('catalog.card.workload', { hours: course.workloadHours })}</p>
      )}
    </li>
  );
}
