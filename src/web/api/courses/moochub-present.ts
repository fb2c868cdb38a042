import type { CourseMetadata, CourseRun, Subject } from '../../../modules/courses/index.ts';
import { renderMarkdown } from '../../../platform/html/index.ts';

/**
 * Course → MOOChub v3 `Course` item (https://github.com/MOOChub/schema, moochub-schema.json).
 * Required attributes: name, learningResourceType, publisher, url, license, creator.
 */

export const MOOCHUB_MAJOR_VERSION = 3;
export const MOOCHUB_MEDIA_TYPE = `application/vnd.api+json; moochub-version=${MOOCHUB_MAJOR_VERSION}`;
/** ESCO release the skill URIs are taken from. */
const ESCO_VERSION = '1.2.0';

export type MoochubOrganization = { name: string; url: string | null };

export type MoochubSource = {
  uuid: string;
  key: string;
  metadata: CourseMetadata;
  /** Owning institutions, the lead first. */
  organizations: MoochubOrganization[];
  runs: CourseRun[];
  imageUrl: string | null;
  publishedAt: Date;
};

/** ISCED-F 2013 broad field codes of the subject list. */
const ISCED_F: Record<Subject, { code: string; name: string }> = {
  generic: { code: '00', name: 'Generic programmes and qualifications' },
  education: { code: '01', name: 'Education' },
  arts_humanities: { code: '02', name: 'Arts and humanities' },
  social_sciences: { code: '03', name: 'Social sciences, journalism and information' },
  business_law: { code: '04', name: 'Business, administration and law' },
  natural_sciences: { code: '05', name: 'Natural sciences, mathematics and statistics' },
  ict: { code: '06', name: 'Information and Communication Technologies' },
  engineering: { code: '07', name: 'Engineering, manufacturing and construction' },
  agriculture: { code: '08', name: 'Agriculture, forestry, fisheries and veterinary' },
  health_welfare: { code: '09', name: 'Health and welfare' },
  services: { code: '10', name: 'Services' },
};

function licenceOf(identifier: string) {
  return {
    identifier,
    url: identifier === 'proprietary' ? null : `https://spdx.org/licenses/${identifier}.html`,
  };
}

function englishFirst(text: Record<string, string>): string {
  return text.en ?? Object.values(text)[0] ?? '';
}

const localized = (text: Record<string, string>) =>
  Object.entries(text).map(([inLanguage, name]) => ({ inLanguage, name }));

const organization = (entry: MoochubOrganization) => ({
  type: 'Organization' as const,
  name: entry.name,
  url: entry.url,
});

const unique = (values: string[]) => [...new Set(values)];

function describeRuns(runs: CourseRun[]) {
  const starts = unique(runs.flatMap((run) => (run.startsAt ? [run.startsAt.toISOString()] : [])));
  const ends = unique(runs.flatMap((run) => (run.endsAt ? [run.endsAt.toISOString()] : [])));
  const certified = runs.some((run) => run.certificatePolicy !== 'none');
  return {
    ...(starts.length > 0 ? { startDate: starts } : {}),
    ...(ends.length > 0 ? { endDate: ends } : {}),
    ...(certified ? { educationalCredentialsAwarded: ['certificate'] } : {}),
  };
}

function describeEffort(effort: CourseMetadata['effort']) {
  if (!effort) return {};
  return {
    duration: `P${effort.weeks}W`,
    workload: { timeValue: Math.max(1, Math.round(effort.hoursPerWeek)), timeUnit: 'h/week' as const },
  };
}

function describeSkills(metadata: CourseMetadata) {
  // MOOChub skills need a framework; only skills linked to ESCO can be told apart that way.
  const teaches = metadata.skills.flatMap((skill) =>
    skill.escoUri
      ? [
          {
            name: localized(skill.name),
            educationalFramework: 'ESCO' as const,
            educationalFrameworkVersion: ESCO_VERSION,
            url: 'https://esco.ec.europa.eu/',
            targetUrl: skill.escoUri,
          },
        ]
      : [],
  );
  const educationalAlignment = metadata.subjects.map((subject) => ({
    type: 'EducationalAlignment' as const,
    alignmentType: 'educationalSubject' as const,
    educationalFramework: 'ISCED-F' as const,
    educationalFrameworkVersion: '2013',
    shortCode: ISCED_F[subject].code,
    name: [{ inLanguage: 'en', name: ISCED_F[subject].name }],
  }));
  return {
    ...(teaches.length > 0 ? { teaches } : {}),
    ...(educationalAlignment.length > 0 ? { educationalAlignment } : {}),
  };
}

export function presentMoochubCourse(source: MoochubSource, baseUrl: string) {
  const { metadata } = source;
  const description = englishFirst(metadata.description) || englishFirst(metadata.shortDescription);
  const licence = [licenceOf(metadata.licence)];
  return {
    id: source.uuid,
    type: 'Course' as const,
    attributes: {
      name: englishFirst(metadata.title),
      courseCode: source.key,
      learningResourceType: {
        identifier: 'https://w3id.org/kim/hcrt/course',
        type: 'Concept',
        inScheme: 'https://w3id.org/kim/hcrt/scheme',
      },
      publisher: organization(source.organizations[0]!),
      creator: source.organizations.map(organization),
      url: `${baseUrl}/courses/${encodeURIComponent(source.key)}`,
      license: licence,
      description: description ? renderMarkdown(description) : null,
      inLanguage: metadata.languages,
      ...describeRuns(source.runs),
      ...describeEffort(metadata.effort),
      courseMode: ['online', 'asynchronous'],
      access: ['free'],
      offer: [{ price: 0, priceCurrency: 'EUR', paymentFrequency: 'one-time', category: 'course' }],
      ...(metadata.ectsCredits !== null ? { numberOfCredits: metadata.ectsCredits } : {}),
      ...describeSkills(metadata),
      ...(source.imageUrl
        ? { image: { type: 'ImageObject', contentUrl: new URL(source.imageUrl, baseUrl).href, license: licence } }
        : {}),
      dateModified: source.publishedAt.toISOString(),
    },
  };
}
