import { z } from 'zod';
import { DEFAULT_GRADING_POLICY, gradingPolicySchema, languageTagSchema, runCodeSchema } from './model.ts';
import { CERTIFICATE_POLICIES, PACINGS } from './schema.ts';

/** A date as a Date or an ISO string; an empty form field means "not set". */
const optionalDate = z.preprocess(
  (value) => (value === '' || value === undefined ? null : value),
  z.coerce.date({ error: 'must be a date' }).nullable(),
);

const runFields = {
  pacing: z.enum(PACINGS, { error: `must be one of ${PACINGS.join(', ')}` }),
  language: languageTagSchema,
  enrollmentOpensAt: optionalDate,
  enrollmentClosesAt: optionalDate,
  startsAt: optionalDate,
  endsAt: optionalDate,
  capacity: z
    .number()
    .int('must be a whole number')
    .positive('must be at least 1')
    .max(10_000_000, 'must be at most 10,000,000')
    .nullable(),
  certificatePolicy: z.enum(CERTIFICATE_POLICIES, { error: `must be one of ${CERTIFICATE_POLICIES.join(', ')}` }),
  gradingPolicy: gradingPolicySchema,
};

export type RunSettings = {
  pacing: (typeof PACINGS)[number];
  language: string;
  enrollmentOpensAt: Date | null;
  enrollmentClosesAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
  capacity: number | null;
  certificatePolicy: (typeof CERTIFICATE_POLICIES)[number];
  gradingPolicy: z.infer<typeof gradingPolicySchema>;
};

/** The rules that tie fields together, checked on creation and again after every change. */
export function checkRunDates(settings: RunSettings, issue: (field: string, message: string) => void): void {
  if (settings.pacing === 'scheduled') {
    if (!settings.startsAt) issue('startsAt', 'is required for a scheduled run');
    if (!settings.endsAt) issue('endsAt', 'is required for a scheduled run');
  }
  const { enrollmentOpensAt: opens, enrollmentClosesAt: closes, startsAt, endsAt } = settings;
  if (opens && closes && opens.getTime() >= closes.getTime()) {
    issue('enrollmentClosesAt', 'must be after the enrollment opens');
  }
  if (startsAt && endsAt && startsAt.getTime() >= endsAt.getTime()) issue('endsAt', 'must be after the run starts');
}

function withDateRules<Schema extends z.ZodType<RunSettings>>(schema: Schema) {
  return schema.superRefine((settings, context) =>
    checkRunDates(settings, (field, message) => context.addIssue({ code: 'custom', path: [field], message })),
  );
}

export const newRunSchema = withDateRules(
  z.strictObject({
    code: runCodeSchema,
    ...runFields,
    enrollmentOpensAt: runFields.enrollmentOpensAt.optional().transform((value) => value ?? null),
    enrollmentClosesAt: runFields.enrollmentClosesAt.optional().transform((value) => value ?? null),
    startsAt: runFields.startsAt.optional().transform((value) => value ?? null),
    endsAt: runFields.endsAt.optional().transform((value) => value ?? null),
    capacity: runFields.capacity.default(null),
    certificatePolicy: runFields.certificatePolicy.default('none'),
    gradingPolicy: runFields.gradingPolicy.default(DEFAULT_GRADING_POLICY),
    /** The release the run serves; the latest release when left out. */
    releaseId: z.number().int().positive().nullable().default(null),
  }),
);
export type NewRun = z.input<typeof newRunSchema>;

/** Any subset of the settings; the code and the release change only through their own actions. */
export const runChangesSchema = z.strictObject({
  pacing: runFields.pacing.optional(),
  language: runFields.language.optional(),
  enrollmentOpensAt: runFields.enrollmentOpensAt.optional(),
  enrollmentClosesAt: runFields.enrollmentClosesAt.optional(),
  startsAt: runFields.startsAt.optional(),
  endsAt: runFields.endsAt.optional(),
  capacity: runFields.capacity.optional(),
  certificatePolicy: runFields.certificatePolicy.optional(),
  gradingPolicy: runFields.gradingPolicy.optional(),
});
export type RunChanges = z.input<typeof runChangesSchema>;

/** A whole run after changes, so the cross-field rules see the merged result. */
export const runSettingsSchema = withDateRules(z.object(runFields));
