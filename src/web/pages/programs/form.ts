import { isDomainError } from '../../../platform/errors/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import type { FieldErrors } from '../../views/forms.tsx';
import { readField, readList } from '../institutions/shared.ts';

const TEXT_FIELDS = [
  'key',
  'titleEn',
  'titleZh',
  'titleAr',
  'descriptionEn',
  'descriptionZh',
  'descriptionAr',
  'otherCourses',
  'rule',
  'requiredCount',
] as const;

/** What the new-program form holds, as typed, so a refused form comes back as it was sent. */
type TextValues = Record<(typeof TEXT_FIELDS)[number], string>;
export type ProgramFormValues = TextValues & {
  partners: string[];
  courses: string[];
};

/** Field errors carry no values; the course problem names the course, so it travels apart. */
export type ProgramFormErrors = {
  fields: FieldErrors;
  courses?: { key: MessageKey; course?: string } | undefined;
};

export function emptyProgramForm(): ProgramFormValues {
  const values = Object.fromEntries(TEXT_FIELDS.map((field) => [field, ''])) as TextValues;
  return { ...values, rule: 'all', partners: [], courses: [] };
}

export function readProgramForm(body: unknown): ProgramFormValues {
  const values = Object.fromEntries(TEXT_FIELDS.map((field) => [field, readField(body, field)])) as TextValues;
  return { ...values, partners: readList(body, 'partners'), courses: readList(body, 'courses') };
}

/** Texts in the languages filled in; English is always sent, so a missing English title is reported. */
function localizedTexts(en: string, zh: string, ar: string, keepEmptyEnglish: boolean): Record<string, string> {
  const texts: Record<string, string> = {};
  if (en || keepEmptyEnglish) texts.en = en;
  if (zh) texts['zh-Hans'] = zh;
  if (ar) texts.ar = ar;
  return texts;
}

/** Course keys: the ticked ones in their order, then those typed one per line (commas and spaces also separate). */
export function listCourseKeys(values: Pick<ProgramFormValues, 'courses' | 'otherCourses'>): string[] {
  const typed = values.otherCourses.split(/[\s,]+/u).filter(Boolean);
  return [...new Set([...values.courses, ...typed])];
}

/** The input `createProgram` checks; anything odd is passed on for it to refuse with a reason. */
export function toNewProgram(values: ProgramFormValues, leadInstitution: string): Record<string, unknown> {
  const count = values.requiredCount;
  return {
    key: values.key,
    title: localizedTexts(values.titleEn, values.titleZh, values.titleAr, true),
    description: localizedTexts(values.descriptionEn, values.descriptionZh, values.descriptionAr, false),
    leadInstitution,
    partnerInstitutions: values.partners,
    courses: listCourseKeys(values),
    rule: values.rule,
    // Under the rule "all" the number follows from the courses; a stale one would only confuse.
    ...(values.rule === 'all' || count === '' ? {} : { requiredCount: /^\d+$/u.test(count) ? Number(count) : count }),
  };
}

function courseProblem(text: string): NonNullable<ProgramFormErrors['courses']> {
  const named = /"([^"]*)"/u.exec(text)?.[1];
  if (named !== undefined && text.includes('no published course')) {
    return { key: 'programs.error.courses.unknown', course: named };
  }
  if (named !== undefined) return { key: 'programs.error.courses.notOwned', course: named };
  if (text.includes('at most')) return { key: 'programs.error.courses.tooMany' };
  return { key: 'programs.error.courses.none' };
}

const FIELD_MESSAGES: Record<string, (text: string) => [string, MessageKey]> = {
  key: () => ['key', 'programs.error.key'],
  title: () => ['title', 'programs.error.title'],
  description: () => ['description', 'programs.error.description'],
  partnerInstitutions: () => ['partners', 'programs.error.partners'],
  rule: () => ['rule', 'programs.error.rule'],
  requiredCount: (text) => [
    'requiredCount',
    text.includes('must be given') ? 'programs.error.requiredCount.missing' : 'programs.error.requiredCount.range',
  ],
};

/**
 * Turns the service's refusal into translated messages per field. `createProgram` reports
 * `path: problem` pairs joined by "; " in its message; a conflict on the key is the key's problem.
 * Any other error is rethrown for the error handler.
 */
export function programErrorsFrom(error: unknown): { errors: ProgramFormErrors; status: number } {
  if (isDomainError(error) && error.code === 'program.key_taken') {
    return { errors: { fields: { key: 'programs.error.keyTaken' } }, status: 409 };
  }
  if (!isDomainError(error) || error.kind !== 'invalid') throw error;
  const errors: ProgramFormErrors = { fields: {} };
  for (const part of error.message.split('; ')) {
    const colon = part.indexOf(': ');
    const path = colon === -1 ? '' : part.slice(0, colon);
    const text = colon === -1 ? part : part.slice(colon + 2);
    const top = path.split('.')[0] ?? '';
    if (top === 'courses') {
      errors.courses ??= courseProblem(text);
      continue;
    }
    const field = FIELD_MESSAGES[top]?.(text);
    if (field) errors.fields[field[0]] ??= field[1];
  }
  if (Object.keys(errors.fields).length === 0 && !errors.courses) errors.fields._ = 'programs.error.other';
  return { errors, status: 400 };
}
