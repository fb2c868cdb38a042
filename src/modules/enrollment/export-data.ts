import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { getCourseById, getReleaseTree, getRunById, type Block, type CourseRun } from '../courses/index.ts';
import { toEnrollment } from './core.ts';
import type { Enrollment } from './model.ts';
import { enrEnrollment } from './schema.ts';

/** A section, unit or block of the release a run serves, as an export names it. */
export type ExportContent = {
  kind: 'section' | 'unit' | 'block';
  uuid: string;
  key: string;
  title: string;
  block?: Block;
};

/**
 * One enrollment of a person with what the other modules' exports need to describe their rows:
 * the course, the run, and the run's content by entity id.
 */
export type EnrollmentForExport = {
  enrollment: Enrollment;
  course: { id: number; key: string; uuid: string; title: Record<string, string> };
  run: CourseRun;
  content: ReadonlyMap<number, ExportContent>;
};

/** How a row of the export refers to a piece of content; null fields when the release no longer has it. */
export type ExportedContentRef = { entityId: number; uuid: string | null; key: string | null; title: string | null };

/** The run a row belongs to, by the ids people and other systems know. */
export type ExportedRunRef = { registration: string; courseKey: string; runCode: string };

function indexContent(tree: Awaited<ReturnType<typeof getReleaseTree>>): Map<number, ExportContent> {
  const content = new Map<number, ExportContent>();
  for (const section of tree.sections) {
    content.set(section.entityId, { kind: 'section', uuid: section.uuid, key: section.key, title: section.title });
    for (const unit of section.units) {
      content.set(unit.entityId, { kind: 'unit', uuid: unit.uuid, key: unit.key, title: unit.title });
      for (const block of unit.blocks) {
        content.set(block.entityId, {
          kind: 'block',
          uuid: block.uuid,
          key: block.key,
          title: block.block.title,
          block: block.block,
        });
      }
    }
  }
  return content;
}

/** The same enrollments keyed by enrollment id, which is how the other modules' rows point at them. */
export async function indexEnrollmentsForExport(
  executor: Executor,
  userId: string,
): Promise<Map<number, EnrollmentForExport>> {
  return new Map((await loadEnrollmentsForExport(executor, userId)).map((entry) => [entry.enrollment.id, entry]));
}

/**
 * Every enrollment of one person, active or not, oldest first, with its course, run and content.
 * No access check: the caller exports the data of the person it has authenticated, and no one else's.
 */
export async function loadEnrollmentsForExport(executor: Executor, userId: string): Promise<EnrollmentForExport[]> {
  const rows = await executor
    .select()
    .from(enrEnrollment)
    .where(eq(enrEnrollment.userId, userId))
    .orderBy(asc(enrEnrollment.enrolledAt), asc(enrEnrollment.id));
  const loaded: EnrollmentForExport[] = [];
  for (const row of rows) {
    const [run, course] = await Promise.all([getRunById(executor, row.runId), getCourseById(executor, row.courseId)]);
    if (!run || !course) continue;
    const tree = await getReleaseTree(executor, run.releaseId);
    loaded.push({
      enrollment: toEnrollment(row),
      course: { id: course.id, key: course.key, uuid: course.uuid, title: { ...tree.metadata.title } },
      run,
      content: indexContent(tree),
    });
  }
  return loaded;
}

export function describeContent(entry: EnrollmentForExport | undefined, entityId: number): ExportedContentRef {
  const found = entry?.content.get(entityId);
  return { entityId, uuid: found?.uuid ?? null, key: found?.key ?? null, title: found?.title ?? null };
}

export function describeRun(entry: EnrollmentForExport): ExportedRunRef {
  return { registration: entry.enrollment.uuid, courseKey: entry.course.key, runCode: entry.run.code };
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export type ExportedEnrollment = {
  registration: string;
  course: { key: string; uuid: string; title: Record<string, string> };
  run: {
    code: string;
    uuid: string;
    pacing: CourseRun['pacing'];
    language: string;
    startsAt: string | null;
    endsAt: string | null;
  };
  mode: Enrollment['mode'];
  status: Enrollment['status'];
  source: Enrollment['source'];
  enrolledAt: string;
  unenrolledAt: string | null;
};

/** One person's enrollments as plain JSON for their data export. */
export async function exportLearnerEnrollments(executor: Executor, userId: string): Promise<ExportedEnrollment[]> {
  return (await loadEnrollmentsForExport(executor, userId)).map(({ enrollment, course, run }) => ({
    registration: enrollment.uuid,
    course: { key: course.key, uuid: course.uuid, title: course.title },
    run: {
      code: run.code,
      uuid: run.uuid,
      pacing: run.pacing,
      language: run.language,
      startsAt: iso(run.startsAt),
      endsAt: iso(run.endsAt),
    },
    mode: enrollment.mode,
    status: enrollment.status,
    source: enrollment.source,
    enrolledAt: enrollment.enrolledAt.toISOString(),
    unenrolledAt: iso(enrollment.unenrolledAt),
  }));
}
