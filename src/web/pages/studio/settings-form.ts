import { languageTagSchema, type CourseMetadata, type CourseMetadataInput } from '../../../modules/courses/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { readLanguages } from './new.tsx';
import { invalidFields, parseNumberField, readField, readList, type FieldErrors } from './shared.ts';

export const TEXT_FIELDS = ['title', 'shortDescription', 'description', 'prerequisites'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export type SkillRow = { names: Record<string, string>; escoUri: string };
export type PartnerRow = { name: string; url: string };

/** The settings form as typed: strings only, so a rejected form comes back exactly as sent. */
export type SettingsValues = {
  /** The languages the form has a column of texts for. */
  textLanguages: string[];
  texts: Record<TextField, Record<string, string>>;
  /** One outcome per line, per language. */
  outcomes: Record<string, string>;
  subjects: string[];
  skills: SkillRow[];
  level: string;
  languages: string[];
  otherLanguages: string;
  hoursPerWeek: string;
  weeks: string;
  ects: string;
  licence: string;
  trailerUrl: string;
  partners: PartnerRow[];
};

const EMPTY_SKILL_ROWS = 2;
const EMPTY_PARTNER_ROWS = 2;

/** The languages a course's texts need inputs for: those it is taught in, then any a text exists in. */
export function textLanguagesOf(metadata: CourseMetadata): string[] {
  const found = [
    ...metadata.languages,
    ...TEXT_FIELDS.flatMap((field) => Object.keys(metadata[field])),
    ...metadata.outcomes.flatMap((outcome) => Object.keys(outcome)),
    ...metadata.skills.flatMap((skill) => Object.keys(skill.name)),
  ];
  return [...new Set(found)];
}

export function withEmptyRows(values: SettingsValues): SettingsValues {
  const skills = values.skills.filter((row) => Object.values(row.names).some(Boolean) || row.escoUri);
  const partners = values.partners.filter((row) => row.name || row.url);
  return {
    ...values,
    skills: [...skills, ...Array.from({ length: EMPTY_SKILL_ROWS }, () => ({ names: {}, escoUri: '' }))],
    partners: [...partners, ...Array.from({ length: EMPTY_PARTNER_ROWS }, () => ({ name: '', url: '' }))],
  };
}

export function valuesOf(metadata: CourseMetadata): SettingsValues {
  const textLanguages = textLanguagesOf(metadata);
  return withEmptyRows({
    textLanguages,
    texts: {
      title: { ...metadata.title },
      shortDescription: { ...metadata.shortDescription },
      description: { ...metadata.description },
      prerequisites: { ...metadata.prerequisites },
    },
    outcomes: Object.fromEntries(
      textLanguages.map((tag) => [tag, metadata.outcomes.map((outcome) => outcome[tag] ?? '').join('\n')]),
    ),
    subjects: [...metadata.subjects],
    skills: metadata.skills.map((skill) => ({ names: { ...skill.name }, escoUri: skill.escoUri ?? '' })),
    level: metadata.level,
    languages: [...metadata.languages],
    otherLanguages: '',
    hoursPerWeek: metadata.effort ? String(metadata.effort.hoursPerWeek) : '',
    weeks: metadata.effort ? String(metadata.effort.weeks) : '',
    ects: metadata.ectsCredits === null ? '' : String(metadata.ectsCredits),
    licence: metadata.licence,
    trailerUrl: metadata.trailer?.kind === 'url' ? metadata.trailer.url : '',
    partners: metadata.industryPartners.map((partner) => ({ ...partner })),
  });
}

/** Rows arrive as `skills.3.escoUri`; counts them by the highest index sent. */
function rowCount(body: unknown, prefix: string): number {
  if (!body || typeof body !== 'object') return 0;
  let count = 0;
  for (const name of Object.keys(body)) {
    const match = new RegExp(`^${prefix}\\.(\\d{1,2})\\.`).exec(name);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return Math.min(count, 50);
}

export function readSettingsValues(body: unknown): SettingsValues {
  const textLanguages = readList(body, 'textLanguages').filter((tag) => languageTagSchema.safeParse(tag).success);
  const perLanguage = (prefix: string) =>
    Object.fromEntries(textLanguages.map((tag) => [tag, readField(body, `${prefix}.${tag}`)]));
  return {
    textLanguages,
    texts: {
      title: perLanguage('title'),
      shortDescription: perLanguage('shortDescription'),
      description: perLanguage('description'),
      prerequisites: perLanguage('prerequisites'),
    },
    outcomes: perLanguage('outcomes'),
    subjects: readList(body, 'subjects'),
    skills: Array.from({ length: rowCount(body, 'skills') }, (_, index) => ({
      names: perLanguage(`skills.${index}.name`),
      escoUri: readField(body, `skills.${index}.escoUri`),
    })),
    level: readField(body, 'level'),
    languages: readList(body, 'languages'),
    otherLanguages: readField(body, 'otherLanguages'),
    hoursPerWeek: readField(body, 'hoursPerWeek'),
    weeks: readField(body, 'weeks'),
    ects: readField(body, 'ects'),
    licence: readField(body, 'licence'),
    trailerUrl: readField(body, 'trailerUrl'),
    partners: Array.from({ length: rowCount(body, 'partners') }, (_, index) => ({
      name: readField(body, `partners.${index}.name`),
      url: readField(body, `partners.${index}.url`),
    })),
  };
}

const nonEmpty = (text: Record<string, string>) => Object.fromEntries(Object.entries(text).filter(([, v]) => v));

/** Outcome n is line n of every language's list. */
function readOutcomes(values: SettingsValues): Array<Record<string, string>> {
  const lines = Object.fromEntries(
    Object.entries(values.outcomes).map(([tag, text]) => [
      tag,
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ]),
  );
  const count = Math.max(0, ...Object.values(lines).map((list) => list.length));
  return Array.from({ length: count }, (_, index) =>
    nonEmpty(Object.fromEntries(Object.entries(lines).map(([tag, list]) => [tag, list[index] ?? '']))),
  );
}

/** Which form row each item sent to the service came from, to put errors back on the right row. */
export type RowMap = { skills: number[]; partners: number[] };

export function toMetadataInput(
  values: SettingsValues,
  stored: CourseMetadata,
): { input: CourseMetadataInput; rows: RowMap } {
  const skillRows = values.skills.flatMap((row, index) =>
    Object.values(row.names).some(Boolean) || row.escoUri ? [index] : [],
  );
  const partnerRows = values.partners.flatMap((row, index) => (row.name || row.url ? [index] : []));
  const hours = parseNumberField(values.hoursPerWeek);
  const weeks = parseNumberField(values.weeks);
  const keptUpload = stored.trailer?.kind === 'upload' ? stored.trailer : null;
  const input: CourseMetadataInput = {
    title: nonEmpty(values.texts.title),
    shortDescription: values.texts.shortDescription,
    description: values.texts.description,
    prerequisites: values.texts.prerequisites,
    subjects: values.subjects as CourseMetadata['subjects'],
    skills: skillRows.map((index) => {
      const row = values.skills[index]!;
      return { name: nonEmpty(row.names), ...(row.escoUri ? { escoUri: row.escoUri } : {}) };
    }),
    level: values.level as CourseMetadata['level'],
    languages: readLanguages(values.languages, values.otherLanguages),
    outcomes: readOutcomes(values),
    effort: hours === null && weeks === null ? null : { hoursPerWeek: hours ?? Number.NaN, weeks: weeks ?? Number.NaN },
    ectsCredits: parseNumberField(values.ects),
    licence: values.licence as CourseMetadata['licence'],
    imageMediaId: stored.imageMediaId,
    trailer: values.trailerUrl ? { kind: 'url', url: values.trailerUrl } : keptUpload,
    industryPartners: partnerRows.map((index) => values.partners[index]!),
  };
  return { input, rows: { skills: skillRows, partners: partnerRows } };
}

const MESSAGES: Record<string, MessageKey> = {
  title: 'studio.error.title',
  shortDescription: 'studio.error.shortDescription',
  description: 'studio.error.description',
  prerequisites: 'studio.error.prerequisites',
  outcomes: 'studio.error.outcomes',
  subjects: 'studio.error.subjects',
  skillName: 'studio.error.skillName',
  escoUri: 'studio.error.escoUri',
  skills: 'studio.error.skills',
  level: 'studio.error.level',
  languages: 'studio.error.languages',
  hoursPerWeek: 'studio.error.hoursPerWeek',
  weeks: 'studio.error.weeks',
  ects: 'studio.error.ects',
  licence: 'studio.error.licence',
  trailerUrl: 'studio.error.trailerUrl',
  partnerName: 'studio.error.partnerName',
  partnerUrl: 'studio.error.partnerUrl',
  partners: 'studio.error.industryPartners',
};

/** The input a service error path points at, and the kind of message it needs. */
function locate(path: string[], values: SettingsValues, rows: RowMap): [id: string, kind: string] {
  const [head, second, third, fourth] = path;
  const first = values.textLanguages[0] ?? 'en';
  switch (head) {
    case 'title':
    case 'shortDescription':
    case 'description':
    case 'prerequisites':
      return [`${head}-${second ?? first}`, head];
    case 'outcomes':
      return [`outcomes-${third ?? first}`, 'outcomes'];
    case 'skills': {
      if (second === undefined) return ['skills', 'skills'];
      const row = rows.skills[Number(second)] ?? 0;
      if (third === 'escoUri') return [`skills-${row}-escoUri`, 'escoUri'];
      return [`skills-${row}-name-${fourth ?? first}`, 'skillName'];
    }
    case 'industryPartners': {
      if (second === undefined) return ['partners', 'partners'];
      const row = rows.partners[Number(second)] ?? 0;
      return third === 'url' ? [`partners-${row}-url`, 'partnerUrl'] : [`partners-${row}-name`, 'partnerName'];
    }
    case 'effort':
      return second === 'weeks' ? ['weeks', 'weeks'] : ['hoursPerWeek', 'hoursPerWeek'];
    case 'ectsCredits':
      return ['ects', 'ects'];
    case 'trailer':
      return ['trailerUrl', 'trailerUrl'];
    case 'level':
    case 'licence':
    case 'subjects':
    case 'languages':
      return [head, head];
    default:
      return ['_', 'other'];
  }
}

/** Service errors as messages keyed by the id of the input they concern. */
export function settingsErrorsFrom(error: unknown, values: SettingsValues, rows: RowMap): FieldErrors {
  const fields = invalidFields(error);
  if (!fields) throw error;
  const errors: FieldErrors = {};
  for (const { field } of fields) {
    const [id, kind] = locate(field.split('.'), values, rows);
    errors[id] ??= MESSAGES[kind] ?? 'studio.error.other';
  }
  if (Object.keys(errors).length === 0) errors._ = 'studio.error.other';
  return errors;
}
