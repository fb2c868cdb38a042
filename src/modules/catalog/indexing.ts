import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import { catEntry } from './schema.ts';
import { toIndexPiece } from './text.ts';
import type { CatalogLabels, LocalizedText } from './types.ts';
import { catalogDocumentSchema, type CatalogDocument, type ParsedDocument } from './validation.ts';
import { startNewSearchGeneration } from './search-cache.ts';

/** Weights for ranking: A titles, B summaries, skills, subjects; C outcomes, owners; D descriptions. */
type Weight = 'A' | 'B' | 'C' | 'D';
type Field = { weight: Weight; texts: LocalizedText };

function parseDocument(input: CatalogDocument): ParsedDocument {
  const parsed = catalogDocumentSchema.safeParse(input);
  if (!parsed.success) {
    throw invalid('catalog.invalid_document', 'The catalog document is not valid.', {
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  const owners = [...parsed.data.owners].sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead'));
  return { ...parsed.data, owners };
}

/** A skill's facet value: its ESCO URI when known, else its English (or first) name. */
export function skillKey(skill: ParsedDocument['skills'][number]): string {
  if (skill.escoUri) return skill.escoUri;
  const name = skill.name.en ?? Object.values(skill.name)[0] ?? '';
  return name.trim().toLowerCase().replace(/\s+/g, '-').slice(0, 200);
}

function subjectWords(subject: string): string {
  return subject.replace(/_/g, ' ');
}

function collectFields(document: ParsedDocument): Field[] {
  const owners = document.owners.map((owner) => ({ ...owner.name, simple: owner.key }));
  return [
    { weight: 'A', texts: document.titles },
    { weight: 'B', texts: document.shortDescriptions },
    ...document.skills.map((skill): Field => ({ weight: 'B', texts: skill.name })),
    { weight: 'B', texts: { en: document.subjects.map(subjectWords).join(' ') } },
    ...document.outcomes.map((outcome): Field => ({ weight: 'C', texts: outcome })),
    ...owners.map((name): Field => ({ weight: 'C', texts: name })),
    { weight: 'D', texts: document.descriptions },
  ];
}

/**
 * The tsvector of a document: every text stemmed with its own language's configuration,
 * accents folded. Texts sharing a configuration and weight are joined first to keep the
 * statement small however many languages a course has.
 */
function buildSearchVector(document: ParsedDocument): SQL {
  const merged = new Map<string, { config: string; weight: Weight; texts: string[] }>();
  for (const field of collectFields(document)) {
    for (const [tag, text] of Object.entries(field.texts)) {
      if (text.trim().length === 0) continue;
      const piece = toIndexPiece(text, tag === 'simple' ? 'und' : tag);
      const mergeKey = `${piece.config}:${field.weight}`;
      const entry = merged.get(mergeKey) ?? { config: piece.config, weight: field.weight, texts: [] };
      entry.texts.push(piece.text);
      merged.set(mergeKey, entry);
    }
  }
  const parts = [...merged.values()].map(
    ({ config, weight, texts }) =>
      sql`setweight(to_tsvector(${config}::regconfig, cat_unaccent(${texts.join('\n')})), ${sql.raw(`'${weight}'`)})`,
  );
  return parts.length > 0 ? sql.join(parts, sql` || `) : sql`''::tsvector`;
}

/** Each word once, in order of first use: repeats add trigram work but no new matches. */
function buildWordsSource(document: ParsedDocument): string {
  const texts = [
    ...Object.values(document.titles),
    ...document.skills.flatMap((skill) => Object.values(skill.name)),
    ...document.subjects.map(subjectWords),
  ];
  const words = texts.flatMap((text) => text.toLowerCase().split(/[\s()[\]{}.,;:!?"'«»“”]+/u));
  return [...new Set(words.filter((word) => word.length > 0))].join(' ');
}

function formatBound(value: Date | null): string {
  return value ? `"${value.toISOString()}"` : '';
}

/** A run's enrollment window: from its opening (or always) until it closes, else until the run ends. */
function buildEnrollmentWindows(document: ParsedDocument): string {
  const ranges: string[] = [];
  for (const run of document.runs) {
    const opens = run.enrollmentOpensAt;
    const closes = run.enrollmentClosesAt ?? run.endsAt;
    if (opens && closes && opens.getTime() >= closes.getTime()) continue;
    ranges.push(`${opens ? '[' : '('}${formatBound(opens)},${formatBound(closes)})`);
  }
  return `{${ranges.join(',')}}`;
}

function buildLabels(document: ParsedDocument): CatalogLabels {
  return {
    skill: Object.fromEntries(document.skills.map((skill) => [skillKey(skill), skill.name])),
    institution: Object.fromEntries(document.owners.map((owner) => [owner.key, owner.name])),
  };
}

function buildRow(document: ParsedDocument) {
  const runs = document.runs;
  return {
    courseId: document.courseId,
    courseUuid: document.courseUuid,
    key: document.key,
    document,
    labels: buildLabels(document),
    subjects: [...new Set(document.subjects)],
    languages: [...new Set([...document.languages, ...runs.map((run) => run.language)])],
    institutions: document.owners.map((owner) => owner.key),
    level: document.level,
    skills: [...new Set(document.skills.map(skillKey))],
    pacings: [...new Set(runs.map((run) => run.pacing))],
    hasCertificate: runs.some((run) => run.certificatePolicy !== 'none'),
    enrollmentWindows: buildEnrollmentWindows(document),
    scheduledStarts: runs
      .filter((run) => run.pacing === 'scheduled' && run.startsAt)
      .map((run) => (run.startsAt as Date).toISOString()),
    publishedAt: document.publishedAt,
    searchVector: buildSearchVector(document),
    wordsSource: buildWordsSource(document),
    updatedAt: sql`now()`,
  };
}

/**
 * Writes or replaces the search document of one published course. Called by the courses module
 * in the transaction that publishes or changes a run; throws `invalid catalog.invalid_document`.
 */
export async function upsertCatalogEntry(executor: Executor, input: CatalogDocument): Promise<void> {
  const document = parseDocument(input);
  const row = buildRow(document);
  const { courseId: _courseId, ...changes } = row;
  await executor.insert(catEntry).values(row).onConflictDoUpdate({ target: catEntry.courseId, set: changes });
  startNewSearchGeneration();
}

/** Takes a course out of the catalog (unpublished or deleted); true when it was there. */
export async function removeCatalogEntry(executor: Executor, courseId: number): Promise<boolean> {
  const removed = await executor
    .delete(catEntry)
    .where(eq(catEntry.courseId, courseId))
    .returning({ courseId: catEntry.courseId });
  startNewSearchGeneration();
  return removed.length > 0;
}
