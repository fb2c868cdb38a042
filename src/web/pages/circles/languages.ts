/**
 * The languages offered for study circles: the site's own first, then widely shared languages
 * of the alliance's learners. A circle forms around one of them, so the list stays short enough
 * to scan without a script.
 */
export const CIRCLE_LANGUAGES = [
  'en',
  'zh-Hans',
  'ar',
  'fr',
  'es',
  'pt',
  'ru',
  'sw',
  'th',
  'it',
  'de',
  'hi',
  'bn',
  'id',
  'ja',
  'ko',
  'tr',
  'vi',
  'fa',
  'ur',
  'pl',
  'uk',
  'nl',
  'am',
  'ha',
] as const;

/** As in the forum module: a circle holds at most this many languages per learner. */
export const MAX_CIRCLE_LANGUAGES = 6;

/** What the opt-in form holds: the preferred language and the others ticked. */
export type LanguageChoice = { primary: string; others: string[] };

const OFFERED: ReadonlySet<string> = new Set(CIRCLE_LANGUAGES);
/** A language tag as the forum module accepts them; one saved through the API may not be offered here. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

/** The offered languages, with any the person chose elsewhere, so the form shows all of theirs. */
export function languageOptions(saved: readonly string[]): string[] {
  return [...CIRCLE_LANGUAGES, ...saved.filter((tag) => !OFFERED.has(tag))];
}

function readValues(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((entry): entry is string => typeof entry === 'string').map((entry) => entry.trim());
}

/** The form's choice as posted, kept to language tags so it can be shown again. */
export function readLanguageChoice(body: unknown): LanguageChoice {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const [primary = ''] = readValues(fields.primary).filter((tag) => LANGUAGE_TAG.test(tag));
  const others = readValues(fields.languages).filter((tag) => LANGUAGE_TAG.test(tag) && tag !== primary);
  return { primary, others: [...new Set(others)] };
}

/** The languages to send, most preferred first; null when the choice cannot be sent. */
export function languagesOf(choice: LanguageChoice): string[] | null {
  if (!choice.primary) return null;
  const languages = [choice.primary, ...choice.others];
  return languages.length > MAX_CIRCLE_LANGUAGES ? null : languages;
}

/** The choice to show first: the person's saved languages, else the language they read the site in. */
export function initialChoice(saved: readonly string[], preferred: string): LanguageChoice {
  const [first, ...rest] = saved;
  if (first) return { primary: first, others: rest.filter((tag) => tag !== first) };
  return { primary: OFFERED.has(preferred) ? preferred : 'en', others: [] };
}
