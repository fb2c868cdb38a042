import type { ComponentChildren } from 'preact';
import type { MessageKey, T } from '../messages/index.ts';

export type StudioTab = 'outline' | 'settings' | 'team' | 'runs' | 'history' | 'preview' | 'export';

const TABS: ReadonlyArray<{ tab: StudioTab; suffix: string; label: MessageKey }> = [
  { tab: 'outline', suffix: '', label: 'studio.tab.outline' },
  { tab: 'settings', suffix: '/settings', label: 'studio.tab.settings' },
  { tab: 'team', suffix: '/team', label: 'studio.tab.team' },
  { tab: 'runs', suffix: '/runs', label: 'studio.tab.runs' },
  { tab: 'history', suffix: '/history', label: 'studio.tab.history' },
  { tab: 'preview', suffix: '/preview', label: 'studio.tab.preview' },
  { tab: 'export', suffix: '/export', label: 'studio.tab.export' },
];

export function studioCoursePath(key: string, tab: StudioTab = 'outline'): string {
  const suffix = TABS.find((entry) => entry.tab === tab)?.suffix ?? '';
  return `/studio/courses/${encodeURIComponent(key)}${suffix}`;
}

export type StudioFrameProps = {
  t: T;
  course: { key: string; title: string };
  current: StudioTab;
  children: ComponentChildren;
};

/**
 * The frame every studio page of one course shares: the course's title, a way back to the
 * course list and the course's tabs, the current one marked for assistive technology.
 */
export function StudioFrame({ t, course, current, children }: StudioFrameProps) {
  return (
    <>
      <p>
        <a href="/studio">{t.t('studio.frame.backToStudio')}</a>
      </p>
      <h1>{t.t('studio.frame.heading', { title: course.title })}</h1>
      <nav aria-label={t.t('studio.frame.tabs')} class="main-nav studio-tabs">
        <ul>
          {TABS.map((entry) => (
            <li>
              <a
                href={studioCoursePath(course.key, entry.tab)}
                aria-current={entry.tab === current ? 'page' : undefined}
              >
                {t.t(entry.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="studio-panel">{children}</div>
    </>
  );
}
