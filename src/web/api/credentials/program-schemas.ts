import { z } from 'zod';
import type { Program, ProgramProgress } from '../../../modules/credentials/index.ts';
import { courseKeySchema, getCourseById } from '../../../modules/courses/index.ts';
import { institutionKeySchema, listInstitutionsByIds } from '../../../modules/institutions/index.ts';
import type { ServiceContext } from '../../../platform/access/index.ts';
import { lineText, multilineText } from '../schemas.ts';

/** Programs over the API: the definition an institution sends, and the program and progress it gets back. */

const PROGRAM_KEY = /^[a-z0-9][a-z0-9-]{1,62}$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/;

export const programKeySchema = z
  .string()
  .regex(PROGRAM_KEY, 'must be 2–63 lowercase letters, digits or hyphens, such as climate-data-professional');

export const programParamsSchema = z.strictObject({
  key: programKeySchema.describe('The program’s key.'),
});

const languageTagSchema = z.string().regex(LANGUAGE_TAG, 'must be a language tag such as en, zh-Hans or ar');

const localizedSchema = <Value extends z.ZodType<string>>(value: Value) =>
  z
    .record(languageTagSchema, value)
    .refine((text) => Object.keys(text).length <= 20, 'may have at most 20 languages')
    .describe('The same text in each language, keyed by language tag.');

/**
 * Stricter than the service's own schema where text reaches the database: no control
 * characters or lone surrogates in any field, keys shaped like keys. The service checks again.
 */
export const newProgramBodySchema = z
  .strictObject({
    key: programKeySchema.describe('A readable identifier, unique among programs.'),
    title: localizedSchema(lineText(300, 1)).refine(
      (text) => Object.keys(text).length > 0,
      'needs a text in at least one language',
    ),
    description: localizedSchema(multilineText(5000)).optional(),
    leadInstitution: institutionKeySchema.describe('The institution that awards the program; you administer it.'),
    partnerInstitutions: z
      .array(institutionKeySchema)
      .max(10, 'may have at most 10 partners')
      .optional()
      .describe('Institutions whose courses count too.'),
    courses: z
      .array(courseKeySchema)
      .min(1, 'needs at least one course')
      .max(30, 'may have at most 30 courses')
      .describe('Published courses of the program’s institutions, in order.'),
    rule: z
      .enum(['all', 'any_n'])
      .optional()
      .describe('all: every course (the default); any_n: any requiredCount of them.'),
    requiredCount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(30).optional(),
  })
  .refine((value) => value.rule !== 'any_n' || value.requiredCount !== undefined, {
    message: 'must be given when the rule is any_n',
    path: ['requiredCount'],
  })
  .refine((value) => value.requiredCount === undefined || value.requiredCount <= value.courses.length, {
    message: 'cannot exceed the number of courses',
    path: ['requiredCount'],
  })
  .describe('A program (micro-credential): a set of courses and the rule for earning it.');

const localizedOutputSchema = z.record(z.string(), z.string());

export const programSchema = z
  .object({
    uuid: z.uuid(),
    key: z.string(),
    title: localizedOutputSchema,
    description: localizedOutputSchema,
    leadInstitution: z.string().describe('The awarding institution’s key.'),
    institutions: z.array(z.string()).describe('Keys of the lead and partner institutions.'),
    courses: z.array(z.string()).describe('Keys of the program’s courses, in order.'),
    rule: z.enum(['all', 'any_n']),
    requiredCount: z.number().int().describe('How many of the courses a learner must pass.'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Program' });

export const programProgressSchema = z
  .object({
    program: programSchema,
    courses: z.array(
      z.object({
        courseKey: z.string(),
        title: z.string(),
        status: z.enum(['passed', 'enrolled', 'not_started']),
        credentialUuid: z.uuid().nullable().describe('The certificate that counts, once passed.'),
      }),
    ),
    passed: z.number().int().describe('Courses passed with a certificate that is not revoked.'),
    required: z.number().int(),
    complete: z.boolean(),
    credentialUuid: z.uuid().nullable().describe('The program credential, once issued.'),
  })
  .describe('Your way through a program.');

async function listCourseKeys(executor: ServiceContext['db'], ids: readonly number[]): Promise<string[]> {
  const courses = await Promise.all(ids.map((id) => getCourseById(executor, id)));
  return courses.flatMap((course) => (course ? [course.key] : []));
}

/** A program with institutions and courses named by their keys, never by internal ids. */
export async function presentProgram(
  executor: ServiceContext['db'],
  program: Program,
): Promise<z.input<typeof programSchema>> {
  const institutions = await listInstitutionsByIds(executor, program.institutionIds);
  const keyOf = new Map(institutions.map((institution) => [institution.id, institution.key]));
  return {
    uuid: program.uuid,
    key: program.key,
    title: program.title,
    description: program.description,
    leadInstitution: keyOf.get(program.leadInstitutionId) ?? '',
    institutions: program.institutionIds.flatMap((id) => keyOf.get(id) ?? []),
    courses: await listCourseKeys(executor, program.courseIds),
    rule: program.rule,
    requiredCount: program.requiredCount,
    createdAt: program.createdAt.toISOString(),
  };
}

export async function presentProgress(executor: ServiceContext['db'], progress: ProgramProgress) {
  return {
    program: await presentProgram(executor, progress.program),
    courses: progress.courses.map(({ courseKey, title, status, credentialUuid }) => ({
      courseKey,
      title,
      status,
      credentialUuid,
    })),
    passed: progress.passed,
    required: progress.required,
    complete: progress.complete,
    credentialUuid: progress.credentialUuid,
  };
}
