import type { CatalogHit, RunSummary, StoredDocument } from './types.ts';

type StoredRun = StoredDocument['runs'][number];

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

function summarizeRun(run: StoredRun, isOpenNow: boolean): RunSummary {
  return {
    code: run.code,
    pacing: run.pacing,
    language: run.language,
    startsAt: toDate(run.startsAt),
    endsAt: toDate(run.endsAt),
    enrollmentOpensAt: toDate(run.enrollmentOpensAt),
    enrollmentClosesAt: toDate(run.enrollmentClosesAt),
    isOpenNow,
    hasCertificate: run.certificatePolicy !== 'none',
  };
}

/** Same rule as the indexed windows: open from the opening (or always) until closing, else until the end. */
export function isEnrollmentOpen(run: StoredRun, now: Date): boolean {
  const opens = toDate(run.enrollmentOpensAt);
  const closes = toDate(run.enrollmentClosesAt) ?? toDate(run.endsAt);
  return (!opens || opens.getTime() <= now.getTime()) && (!closes || now.getTime() < closes.getTime());
}

function startTime(run: StoredRun): number {
  return toDate(run.startsAt)?.getTime() ?? Number.NEGATIVE_INFINITY;
}

/** The run a learner would join next: open now (earliest start), else the next start to come. */
export function pickNextRun(runs: StoredRun[], now: Date): RunSummary | null {
  const byStart = [...runs].sort((a, b) => startTime(a) - startTime(b));
  const open = byStart.find((run) => isEnrollmentOpen(run, now));
  if (open) return summarizeRun(open, true);
  const upcoming = byStart.find((run) => run.pacing === 'scheduled' && startTime(run) > now.getTime());
  return upcoming ? summarizeRun(upcoming, false) : null;
}

export function toCatalogHit(document: StoredDocument, score: number, now: Date): CatalogHit {
  return {
    key: document.key,
    uuid: document.courseUuid,
    title: document.titles,
    shortDescription: document.shortDescriptions,
    owners: document.owners,
    joint: document.owners.length >= 2,
    level: document.level,
    languages: document.languages,
    nextRun: pickNextRun(document.runs, now),
    imageUrl: document.imageUrl,
    workloadHours: document.workloadHours ?? null,
    publishedAt: new Date(document.publishedAt),
    score: Math.round(score * 10_000) / 10_000,
  };
}
