import type { MessageKey, T } from '../../messages/index.ts';
import type { PickedText } from '../../views/course-card.tsx';
import { runPath } from '../learn/shared.ts';
import type { LanguageChoice } from './languages.ts';

export type CircleParams = { Params: { courseKey: string; runCode: string } };

export type CircleNotice = {
  kind: 'success' | 'error';
  key: MessageKey;
  values?: Record<string, number> | undefined;
};

/** What every view of the page knows: the run, its course title, the form token and a notice. */
export type CirclePageFrame = {
  courseKey: string;
  runCode: string;
  title: PickedText;
  csrf: string;
  notice?: CircleNotice | undefined;
};

/** A learner's opt-in form after it failed, shown again with what they chose. */
export type FailedChoice = { choice: LanguageChoice; error: MessageKey };

export function circlesPath(courseKey: string, runCode: string, rest = ''): string {
  return runPath(courseKey, runCode, `/circles${rest}`);
}

/** The circle's threads and the form to start one, served by the forum pages. */
export function circleForumPath(courseKey: string, runCode: string, circleId: number, rest = ''): string {
  return `${runPath(courseKey, runCode, `/forum${rest}`)}?circle=${circleId}`;
}

export function listLanguages(t: T, tags: readonly string[]): string {
  return new Intl.ListFormat(t.locale, { type: 'conjunction' }).format(tags.map((tag) => t.languageName(tag)));
}

export function countryOf(t: T, code: string | null): string {
  return code ? t.countryName(code) : t.t('circles.member.noCountry');
}
