import { z } from 'zod';
import {
  CERTIFICATE_POLICIES,
  LEVELS,
  LICENCES,
  PACINGS,
  SUBJECTS,
  courseKeySchema,
  runCodeSchema,
  type CourseMetadata,
  type CourseOwner,
  type CourseRun,
} from '../../../modules/courses/index.ts';
import type { Locale } from '../../../platform/i18n/index.ts';

/**
 * Shapes shared by the course operations: addresses in paths, owners, runs and the published
 * description. Output schemas are plain objects, so anything a service adds later is stripped.
 */

export const courseParamsSchema = z.strictObject({
  key: courseKeySchema.describe('The course’s key, such as climate-data-101.'),
});

/** Sections, units and blocks are addressed by the key the course gave them, such as unit-k3x9q2ab. */
export const entityKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be a key such as section-k3x9q2ab');

export const runParamsSchema = courseParamsSchema.extend({
  code: runCodeSchema.describe('The run’s code, such as 2027-T1.'),
});

export const localizedTextOutput = z
  .record(z.string(), z.string())
  .describe('The same text in each language it was written in, by BCP 47 tag.');

export const ownerSchema = z.object({
  key: z.string().describe('The institution’s key.'),
  name: localizedTextOutput,
  displayName: z.string().describe('The name in the language of the request, falling back to English.'),
  country: z.string().describe('ISO 3166-1 alpha-2 code.'),
  role: z.enum(['lead', 'partner']).describe('The lead institution runs the course; partners share it.'),
});

const instant = z.iso.datetime().nullable();

export const runSchema = z
  .object({
    uuid: z.uuid(),
    code: z.string(),
    pacing: z.enum(PACINGS),
    language: z.string().describe('BCP 47 tag of the language the run is taught in.'),
    enrollmentOpensAt: instant,
    enrollmentClosesAt: instant,
    startsAt: instant,
    endsAt: instant,
    capacity: z.number().int().nullable(),
    certificatePolicy: z.enum(CERTIFICATE_POLICIES),
    releaseNumber: z.number().int().describe('The release of the course content the run serves.'),
    gradingPolicy: z.object({
      assignmentTypes: z.array(z.object({ name: z.string(), weight: z.number(), dropLowest: z.number().int() })),
      passMark: z.number(),
    }),
  })
  .describe('One edition of a course, with its own dates, language and policies.');

export const metadataSchema = z
  .object({
    title: localizedTextOutput,
    shortDescription: localizedTextOutput,
    description: localizedTextOutput.describe('Markdown, in each language it was written in.'),
    subjects: z.array(z.enum(SUBJECTS)).describe('ISCED-F 2013 broad fields.'),
    skills: z.array(z.object({ name: localizedTextOutput, escoUri: z.string().optional() })),
    level: z.enum(LEVELS),
    languages: z.array(z.string()),
    prerequisites: localizedTextOutput,
    outcomes: z.array(localizedTextOutput),
    effort: z.object({ hoursPerWeek: z.number(), weeks: z.number().int() }).nullable(),
    ectsCredits: z.number().nullable(),
    licence: z.enum(LICENCES),
    imageMediaId: z.uuid().nullable(),
    industryPartners: z.array(z.object({ name: z.string(), url: z.string() })),
  })
  .describe('The description of a course as learners see it.');

/** Text in the language of the request, else English, else whichever language there is. */
export function pickText(text: Record<string, string>, locale: Locale): string {
  return text[locale] ?? text.en ?? Object.values(text)[0] ?? '';
}

export function presentOwner(owner: CourseOwner, locale: Locale) {
  return {
    key: owner.key,
    name: owner.name,
    displayName: pickText(owner.name, locale),
    country: owner.country,
    role: owner.role,
  };
}

const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function presentRun(run: CourseRun) {
  return {
    uuid: run.uuid,
    code: run.code,
    pacing: run.pacing,
    language: run.language,
    enrollmentOpensAt: isoOrNull(run.enrollmentOpensAt),
    enrollmentClosesAt: isoOrNull(run.enrollmentClosesAt),
    startsAt: isoOrNull(run.startsAt),
    endsAt: isoOrNull(run.endsAt),
    capacity: run.capacity,
    certificatePolicy: run.certificatePolicy,
    releaseNumber: run.releaseNumber,
    gradingPolicy: run.gradingPolicy,
  };
}

export function presentMetadata(metadata: CourseMetadata) {
  return {
    title: metadata.title,
    shortDescription: metadata.shortDescription,
    description: metadata.description,
    subjects: metadata.subjects,
    skills: metadata.skills,
    level: metadata.level,
    languages: metadata.languages,
    prerequisites: metadata.prerequisites,
    outcomes: metadata.outcomes,
    effort: metadata.effort,
    ectsCredits: metadata.ectsCredits,
    licence: metadata.licence,
    imageMediaId: metadata.imageMediaId,
    industryPartners: metadata.industryPartners,
  };
}
