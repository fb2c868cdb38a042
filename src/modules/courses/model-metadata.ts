import { z } from 'zod';

/** ISCED-F 2013 broad fields of education: the controlled subject list. */
export const SUBJECTS = [
  'education',
  'arts_humanities',
  'social_sciences',
  'business_law',
  'natural_sciences',
  'ict',
  'engineering',
  'agriculture',
  'health_welfare',
  'services',
  'generic',
] as const;
export const LEVELS = ['introductory', 'intermediate', 'advanced'] as const;
/** SPDX identifiers, plus `proprietary` as MOOChub spells it. */
export const LICENCES = [
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC-BY-ND-4.0',
  'CC-BY-NC-ND-4.0',
  'CC0-1.0',
  'proprietary',
] as const;

export type Subject = (typeof SUBJECTS)[number];
export type Level = (typeof LEVELS)[number];
export type Licence = (typeof LICENCES)[number];

/** BCP 47 language tags of the shape we accept: `en`, `zh-Hans`, `pt-BR`, `sw`. */
export const languageTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?$/, 'must be a language tag such as en, zh-Hans or pt-BR');

/** Text in several languages: at least one, each non-empty after trimming. */
export function localizedTextSchema(maxLength: number) {
  return z
    .record(
      languageTagSchema,
      z.string().trim().min(1, 'must not be empty').max(maxLength, `must be at most ${maxLength} characters`),
    )
    .refine((value) => Object.keys(value).length > 0, 'needs a text in at least one language')
    .refine((value) => Object.keys(value).length <= 12, 'may have at most 12 languages');
}

/** Optional localized text: may be empty. */
export function optionalLocalizedTextSchema(maxLength: number) {
  return z
    .record(languageTagSchema, z.string().trim().max(maxLength, `must be at most ${maxLength} characters`))
    .transform((value) => Object.fromEntries(Object.entries(value).filter(([, text]) => text.length > 0)))
    .default({});
}

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
  .max(2000, 'must be at most 2000 characters');

export const skillSchema = z.strictObject({
  name: localizedTextSchema(120),
  escoUri: z
    .string()
    .regex(
      /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/,
      'must be an ESCO skill URI (http://data.europa.eu/esco/skill/…)',
    )
    .optional(),
});

export const effortSchema = z.strictObject({
  hoursPerWeek: z.number().min(0.5, 'must be at least half an hour').max(60, 'must be at most 60 hours'),
  weeks: z.number().int('must be a whole number').min(1, 'must be at least 1').max(104, 'must be at most 104'),
});

export const trailerSchema = z.union([
  z.strictObject({ kind: z.literal('upload'), mediaId: z.uuid() }),
  z.strictObject({ kind: z.literal('url'), url: httpUrl }),
]);

/** The versioned description of a course: what the catalog and the course page show. */
export const courseMetadataSchema = z.strictObject({
  title: localizedTextSchema(200),
  shortDescription: optionalLocalizedTextSchema(500),
  description: optionalLocalizedTextSchema(20_000),
  subjects: z.array(z.enum(SUBJECTS)).max(3, 'may have at most 3 subjects').default([]),
  skills: z.array(skillSchema).max(30, 'may have at most 30 skills').default([]),
  level: z.enum(LEVELS).default('introductory'),
  languages: z.array(languageTagSchema).min(1, 'needs at least one language of instruction').max(10),
  prerequisites: optionalLocalizedTextSchema(2000),
  outcomes: z.array(localizedTextSchema(500)).max(20, 'may have at most 20 outcomes').default([]),
  effort: effortSchema.nullable().default(null),
  ectsCredits: z
    .number()
    .min(0, 'must not be negative')
    .max(60, 'must be at most 60')
    .refine((value) => Number.isInteger(value * 2), 'must be a multiple of 0.5')
    .nullable()
    .default(null),
  licence: z.enum(LICENCES).default('CC-BY-4.0'),
  imageMediaId: z.uuid().nullable().default(null),
  trailer: trailerSchema.nullable().default(null),
  industryPartners: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(200), url: httpUrl }))
    .max(10, 'may have at most 10 industry partners')
    .default([]),
});

export type CourseMetadata = z.infer<typeof courseMetadataSchema>;
export type CourseMetadataInput = z.input<typeof courseMetadataSchema>;
export type Skill = z.infer<typeof skillSchema>;

/** Hours per week × weeks; null when the effort is not given. */
export function computeWorkloadHours(effort: CourseMetadata['effort']): number | null {
  return effort ? Math.round(effort.hoursPerWeek * effort.weeks * 10) / 10 : null;
}
