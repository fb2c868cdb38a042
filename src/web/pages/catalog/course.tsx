import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  computeWorkloadHours,
  courseKeySchema,
  getCourseByKey,
  getReleaseTree,
  listCourseRuns,
  listPublicInstructors,
  type CourseMetadata,
  type CourseRun,
} from '../../../modules/courses/index.ts';
import { markdownToPlainText } from '../../../platform/html/index.ts';
import { notFound } from '../../../platform/errors/index.ts';
import { sendPage } from '../../render.tsx';
import { pickText } from '../../views/course-card.tsx';
import { buildCourseJsonLd, type JsonLdOrganization } from '../../views/json-ld.ts';
import { defaultMediaUrl } from '../../views/blocks/media.ts';
import { loadRunEnrollmentState } from '../enroll/course-state.ts';
import { CourseView, type CoursePageData } from './course-view.tsx';
import { licenceUrl } from './licences.ts';

/** Runs still to come or under way; finished runs are history, not an offer. */
function selectCurrentRuns(runs: readonly CourseRun[], now: Date): CourseRun[] {
  return runs.filter((run) => !run.endsAt || run.endsAt.getTime() > now.getTime());
}

/** The published course behind an address; a course never published is as unknown as a missing one. */
async function loadCoursePage(request: FastifyRequest, key: string): Promise<CoursePageData> {
  const { db, clock, config } = request.server.platform;
  if (!courseKeySchema.safeParse(key).success) throw notFound('course');
  const course = await getCourseByKey(db, key);
  if (!course || course.latestReleaseId === null) throw notFound('course');
  const [tree, runs, instructors] = await Promise.all([
    getReleaseTree(db, course.latestReleaseId),
    listCourseRuns(db, course.id),
    listPublicInstructors(db, course.id),
  ]);
  const base = config.baseUrl.replace(/\/$/, '');
  return {
    course,
    metadata: tree.metadata,
    sections: tree.sections,
    runs: selectCurrentRuns(runs, clock.now()),
    instructors,
    now: clock.now(),
    url: `${base}/courses/${course.key}`,
    baseUrl: base,
  };
}

function absoluteImageUrl(data: CoursePageData): string | null {
  const id = data.metadata.imageMediaId;
  return id ? `${data.baseUrl}${defaultMediaUrl(id)}` : null;
}

function describeCourse(metadata: CourseMetadata, locale: string): string {
  const short = pickText(metadata.shortDescription, locale);
  if (short) return short.text;
  const long = pickText(metadata.description, locale);
  return long ? markdownToPlainText(long.text, { maxLength: 300 }) : '';
}

/** The schema.org description of the page, in the reader's language where the course has it. */
export function buildJsonLdFor(data: CoursePageData, locale: string, credential: string): Record<string, unknown> {
  const { metadata, course } = data;
  const organization = (owner: CoursePageData['course']['owners'][number]): JsonLdOrganization => ({
    name: pickText(owner.name, locale)?.text ?? owner.key,
    url: `${data.baseUrl}/institutions/${owner.key}`,
  });
  const lead = course.owners.find((owner) => owner.role === 'lead') ?? course.owners[0]!;
  return buildCourseJsonLd({
    url: data.url,
    name: pickText(metadata.title, locale)?.text ?? course.key,
    description: describeCourse(metadata, locale),
    courseCode: course.key,
    languages: metadata.languages,
    provider: organization(lead),
    partners: course.owners.filter((owner) => owner !== lead).map(organization),
    prerequisites: pickText(metadata.prerequisites, locale)?.text ?? null,
    credential: data.runs.some((run) => run.certificatePolicy !== 'none') ? credential : null,
    teaches: [
      ...metadata.skills.map((skill) => pickText(skill.name, locale)?.text ?? ''),
      ...metadata.outcomes.map((outcome) => pickText(outcome, locale)?.text ?? ''),
    ].filter(Boolean),
    licenceUrl: licenceUrl(metadata.licence),
    imageUrl: absoluteImageUrl(data),
    effort: metadata.effort,
    workloadHours: computeWorkloadHours(metadata.effort),
    instructors: data.instructors.map((instructor) => instructor.name),
    runs: data.runs,
  });
}

export async function courseRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { key: string } }>('/courses/:key', async (request, reply) => {
    const page = await loadCoursePage(request, request.params.key);
    const data = { ...page, enrollment: await loadRunEnrollmentState(request, reply, page.runs) };
    const { t } = request;
    const jsonLd = buildJsonLdFor(data, t.locale, t.t('catalog.course.credential'));
    const title = pickText(data.metadata.title, t.locale)?.text ?? data.course.key;
    const options = {
      title,
      description: describeCourse(data.metadata, t.locale),
      canonicalUrl: data.url,
      body: <CourseView t={t} data={data} jsonLd={jsonLd} />,
    };
    return sendPage(request, reply, options);
  });
}
