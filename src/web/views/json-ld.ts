/**
 * schema.org JSON-LD for course pages. The JSON sits inside a `<script type="application/ld+json">`
 * element, where the HTML parser ends the element at the first `</script`: every `<`, `>` and `&`
 * is written as a JSON escape so no text from a course can close the element or open a comment,
 * and U+2028/U+2029 are escaped for consumers that read the block as JavaScript.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export type JsonLdOrganization = { name: string; url: string };

export type JsonLdRun = {
  code: string;
  pacing: 'self_paced' | 'scheduled';
  language: string;
  startsAt: Date | null;
  endsAt: Date | null;
};

export type CourseJsonLdInput = {
  url: string;
  name: string;
  description: string;
  courseCode: string;
  languages: readonly string[];
  provider: JsonLdOrganization;
  partners: readonly JsonLdOrganization[];
  prerequisites: string | null;
  credential: string | null;
  teaches: readonly string[];
  licenceUrl: string | null;
  imageUrl: string | null;
  /** Hours a week and weeks, when the course states its effort. */
  effort: { hoursPerWeek: number; weeks: number } | null;
  workloadHours: number | null;
  /** Public names of the teaching team; empty while the team is not published. */
  instructors: readonly string[];
  runs: readonly JsonLdRun[];
};

/** An ISO 8601 duration in hours, such as PT4.5H. */
export function toIsoHours(hours: number): string {
  return `PT${Math.round(hours * 100) / 100}H`;
}

function toOrganization(organization: JsonLdOrganization) {
  return { '@type': 'Organization', name: organization.name, url: organization.url };
}

function toCourseInstance(input: CourseJsonLdInput, run: JsonLdRun) {
  const timing =
    run.pacing === 'scheduled' && input.effort
      ? {
          courseSchedule: {
            '@type': 'Schedule',
            repeatFrequency: 'P1W',
            repeatCount: input.effort.weeks,
            duration: toIsoHours(input.effort.hoursPerWeek),
          },
        }
      : input.workloadHours
        ? { courseWorkload: toIsoHours(input.workloadHours) }
        : {};
  return {
    '@type': 'CourseInstance',
    name: `${input.name} (${run.code})`,
    courseMode: 'online',
    inLanguage: run.language,
    ...(run.startsAt ? { startDate: run.startsAt.toISOString().slice(0, 10) } : {}),
    ...(run.endsAt ? { endDate: run.endsAt.toISOString().slice(0, 10) } : {}),
    ...timing,
    ...(input.instructors.length > 0
      ? { instructor: input.instructors.map((name) => ({ '@type': 'Person', name })) }
      : {}),
    location: { '@type': 'VirtualLocation', url: input.url },
  };
}

/** A schema.org `Course` with one `CourseInstance` per run, free to join. */
export function buildCourseJsonLd(input: CourseJsonLdInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    '@id': input.url,
    url: input.url,
    name: input.name,
    description: input.description,
    courseCode: input.courseCode,
    provider: toOrganization(input.provider),
    ...(input.partners.length > 0 ? { contributor: input.partners.map(toOrganization) } : {}),
    inLanguage: input.languages.length === 1 ? input.languages[0] : [...input.languages],
    ...(input.prerequisites ? { coursePrerequisites: input.prerequisites } : {}),
    ...(input.credential
      ? {
          educationalCredentialAwarded: {
            '@type': 'EducationalOccupationalCredential',
            name: input.credential,
            credentialCategory: 'certificate',
          },
        }
      : {}),
    ...(input.teaches.length > 0 ? { teaches: [...input.teaches] } : {}),
    ...(input.licenceUrl ? { license: input.licenceUrl } : {}),
    ...(input.imageUrl ? { image: input.imageUrl } : {}),
    ...(input.workloadHours ? { timeRequired: toIsoHours(input.workloadHours) } : {}),
    isAccessibleForFree: true,
    offers: [{ '@type': 'Offer', category: 'Free', price: 0, priceCurrency: 'EUR' }],
    hasCourseInstance: input.runs.map((run) => toCourseInstance(input, run)),
  };
}
