import {
  DEFAULT_LOCALE,
  SUPPORTED_LOCALES,
  createTranslator,
  type Locale,
  type Translator,
} from '../../platform/i18n/index.ts';
import { accountMessages } from './account.ts';
import { apiMessages } from './api.ts';
import { authMessages } from './auth.ts';
import { commonMessages } from './common.ts';
import { catalogMessages } from './catalog.ts';
import { courseMessages } from './courses.ts';
import { institutionMessages } from './institutions.ts';
import { packageMessages } from './packages.ts';
import { enrollMessages } from './enroll.ts';
import { learnMessages } from './learn.ts';
import { quizMessages } from './quiz.ts';
import { gradeMessages } from './grades.ts';
import { learningDataMessages } from './learning-data.ts';
import { credentialMessages } from './credentials.ts';
import { programMessages } from './programs.ts';
import { issuerKeyMessages } from './issuer-keys.ts';
import { forumMessages } from './forum.ts';
import { notificationMessages } from './notifications.ts';
import { circleMessages } from './circles.ts';
import { studioContentMessages } from './studio-content.ts';
import { studioMessages } from './studio.ts';

/** Each area owns one file; this list is the only place they meet. */
const AREAS = [
  commonMessages,
  authMessages,
  accountMessages,
  institutionMessages,
  apiMessages,
  courseMessages,
  studioMessages,
  studioContentMessages,
  packageMessages,
  catalogMessages,
  enrollMessages,
  learnMessages,
  quizMessages,
  gradeMessages,
  learningDataMessages,
  credentialMessages,
  programMessages,
  issuerKeyMessages,
  forumMessages,
  notificationMessages,
  circleMessages,
];

export type MessageKey =
  | keyof typeof commonMessages.en
  | keyof typeof authMessages.en
  | keyof typeof accountMessages.en
  | keyof typeof institutionMessages.en
  | keyof typeof apiMessages.en
  | keyof typeof courseMessages.en
  | keyof typeof studioMessages.en
  | keyof typeof studioContentMessages.en
  | keyof typeof packageMessages.en
  | keyof typeof catalogMessages.en
  | keyof typeof enrollMessages.en
  | keyof typeof learnMessages.en
  | keyof typeof quizMessages.en
  | keyof typeof gradeMessages.en
  | keyof typeof learningDataMessages.en
  | keyof typeof credentialMessages.en
  | keyof typeof programMessages.en
  | keyof typeof issuerKeyMessages.en
  | keyof typeof forumMessages.en
  | keyof typeof notificationMessages.en
  | keyof typeof circleMessages.en;
export type T = Translator<MessageKey>;

function mergeLocale(locale: Locale): Record<MessageKey, string> {
  return Object.assign({}, ...AREAS.map((area) => area[locale])) as Record<MessageKey, string>;
}

const catalogs = Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, mergeLocale(locale)])) as Record<
  Locale,
  Record<MessageKey, string>
>;

const translators = new Map<Locale, T>();

/** Translators are built once per locale and reused by every request. */
export function getTranslator(locale: Locale): T {
  let translator = translators.get(locale);
  if (!translator) {
    translator = createTranslator(locale, catalogs[locale], catalogs[DEFAULT_LOCALE]);
    translators.set(locale, translator);
  }
  return translator;
}

export function listMessageKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}
