import type { Executor } from '../../platform/db/index.ts';
import { markdownToPlainText } from '../../platform/html/index.ts';
import {
  computeWorkloadHours,
  getPublishedCourseSource,
  listPublishedCourseIds,
  registerCourseChangeListener,
  type PublishedCourseSource,
} from '../courses/index.ts';
import { removeCatalogEntry, upsertCatalogEntry } from './indexing.ts';
import type { CatalogDocument } from './validation.ts';

/** Where the web layer serves a course's stored media. */
export function mediaPath(mediaUuid: string): string {
  return `/media/${mediaUuid}`;
}

function mapValues(text: Record<string, string>, map: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(text).map(([language, value]) => [language, map(value)]));
}

export function toCatalogDocument(source: PublishedCourseSource): CatalogDocument {
  const { course, metadata } = source;
  return {
    courseId: course.id,
    courseUuid: course.uuid,
    key: course.key,
    titles: metadata.title,
    shortDescriptions: metadata.shortDescription,
    descriptions: mapValues(metadata.description, (value) => markdownToPlainText(value, { maxLength: 20_000 })),
    outcomes: metadata.outcomes,
    skills: metadata.skills.map((skill) => ({
      name: skill.name,
      ...(skill.escoUri ? { escoUri: skill.escoUri } : {}),
    })),
    subjects: metadata.subjects,
    level: metadata.level,
    languages: metadata.languages,
    owners: course.owners.map((owner) => ({
      institutionId: owner.institutionId,
      key: owner.key,
      name: owner.name,
      country: owner.country,
      role: owner.role,
    })),
    runs: source.runs.map((run) => ({
      code: run.code,
      pacing: run.pacing,
      startsAt: run.startsAt,
      endsAt: run.endsAt,
      enrollmentOpensAt: run.enrollmentOpensAt,
      enrollmentClosesAt: run.enrollmentClosesAt,
      certificatePolicy: run.certificatePolicy,
      language: run.language,
    })),
    imageUrl: metadata.imageMediaId ? mediaPath(metadata.imageMediaId) : null,
    workloadHours: computeWorkloadHours(metadata.effort),
    ectsCredits: metadata.ectsCredits,
    licence: metadata.licence,
    publishedAt: source.publishedAt,
  };
}

/** Rewrites the catalog entry of one course from its latest release; removes it when there is none. */
export async function refreshCatalogEntry(executor: Executor, courseId: number): Promise<void> {
  const source = await getPublishedCourseSource(executor, courseId);
  if (source) await upsertCatalogEntry(executor, toCatalogDocument(source));
  else await removeCatalogEntry(executor, courseId);
}

/** Rebuilds every entry, e.g. after the document format changed. Returns how many were written. */
export async function rebuildCatalog(executor: Executor): Promise<number> {
  const ids = await listPublishedCourseIds(executor);
  for (const id of ids) await refreshCatalogEntry(executor, id);
  return ids.length;
}

let unregister: (() => void) | null = null;

/** Keeps the catalog in step with publishes, runs and owners, in the same transaction as each change. */
export function startCatalogIndexing(): void {
  unregister ??= registerCourseChangeListener((tx, change) => refreshCatalogEntry(tx, change.courseId));
}

export function stopCatalogIndexing(): void {
  unregister?.();
  unregister = null;
}
