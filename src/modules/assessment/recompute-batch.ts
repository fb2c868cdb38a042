import type { Executor } from '../../platform/db/index.ts';
import type { CourseRun, CourseTree, LoadedCourse } from '../courses/index.ts';
import {
  computeCourseGrade,
  listGradedQuizzes,
  toGradeInputs,
  type GradeBreakdownEntry,
  type ReleaseQuiz,
  type StoredQuizScore,
} from './course-grade.ts';
import { selectEnrollmentUuids } from './gradebook-queries.ts';
import { announceCoursePasses, type CoursePass } from './passed.ts';
import {
  lockGradeRows,
  selectGradeGroups,
  selectGradeUserIds,
  writeGradeChanges,
  type GradeWrite,
} from './recompute-queries.ts';

/** A grade computed from one set of best scores, with its JSON and its comparisons to stored texts. */
type KnownGrade = { computed: number; breakdown: GradeBreakdownEntry[]; json: string; sameAs: Map<string, boolean> };

/**
 * What recomputing one run needs, read once: the release's graded quizzes, and grades by score
 * signature. Learners with the same best scores get the same grade, so it is computed once per
 * distinct set of scores (a few hundred in a large run), not once per learner.
 */
export type RunScope = {
  course: LoadedCourse;
  run: CourseRun;
  quizzes: ReleaseQuiz[];
  title: Record<string, string>;
  grades: Map<string, KnownGrade>;
  storedBreakdowns: Map<string, unknown>;
};

/** Bounds the caches when nearly every learner's scores differ. */
const CACHE_LIMIT = 100_000;

export function createRunScope(course: LoadedCourse, run: CourseRun, tree: CourseTree): RunScope {
  const quizzes = listGradedQuizzes(tree);
  return { course, run, quizzes, title: tree.metadata.title, grades: new Map(), storedBreakdowns: new Map() };
}

function remember<Key, Value>(cache: Map<Key, Value>, key: Key, value: Value): Value {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** The scores a signature of `selectGradeGroups` stands for. */
function parseScoreSignature(signature: string): Map<number, StoredQuizScore> {
  const scores = new Map<number, StoredQuizScore>();
  if (signature === '') return scores;
  for (const part of signature.split(',')) {
    const colon = part.indexOf(':');
    const slash = part.indexOf('/', colon);
    const blockEntityId = Number(part.slice(0, colon));
    scores.set(blockEntityId, {
      blockEntityId,
      score: Number(part.slice(colon + 1, slash)),
      maxScore: Number(part.slice(slash + 1)),
    });
  }
  return scores;
}

function gradeOf(scope: RunScope, signature: string): KnownGrade {
  const known = scope.grades.get(signature);
  if (known) return known;
  const inputs = toGradeInputs(scope.quizzes, parseScoreSignature(signature));
  const { grade: computed, breakdown } = computeCourseGrade(scope.run.gradingPolicy, inputs);
  return remember(scope.grades, signature, { computed, breakdown, json: JSON.stringify(breakdown), sameAs: new Map() });
}

function isSameBreakdown(computed: readonly GradeBreakdownEntry[], stored: unknown): boolean {
  if (!Array.isArray(stored) || stored.length !== computed.length) return false;
  return computed.every((entry, index) => {
    const other = stored[index] as Partial<GradeBreakdownEntry> | null;
    return (
      other !== null &&
      entry.type === other.type &&
      entry.average === other.average &&
      entry.weight === other.weight &&
      entry.dropped === other.dropped
    );
  });
}

/** Whether a stored breakdown (its JSON text) holds what `grade` has; each text is parsed once. */
function isStoredAs(scope: RunScope, grade: KnownGrade, storedText: string): boolean {
  const known = grade.sameAs.get(storedText);
  if (known !== undefined) return known;
  const stored = scope.storedBreakdowns.has(storedText)
    ? scope.storedBreakdowns.get(storedText)
    : remember(scope.storedBreakdowns, storedText, JSON.parse(storedText) as unknown);
  return remember(grade.sameAs, storedText, isSameBreakdown(grade.breakdown, stored));
}

export type BatchCounts = { examined: number; changed: number; newlyPassed: number };

/**
 * One batch of a run's grade rows, in the caller's transaction: locked first (so a submission
 * under way is waited for and its scores seen), then read as groups of alike rows; each group is
 * recomputed and compared once, the rows of changed groups written in one statement and the
 * first passes announced together.
 */
export async function recomputeBatch(
  tx: Executor,
  scope: RunScope,
  ids: readonly number[],
  at: Date,
): Promise<BatchCounts> {
  const examined = await lockGradeRows(tx, scope.run.id, ids);
  if (examined === 0) return { examined, changed: 0, newlyPassed: 0 };
  const { passMark } = scope.run.gradingPolicy;
  const changes: GradeWrite[] = [];
  const breakdowns: string[] = [];
  const breakdownIndexes = new Map<string, number>();
  const passing: Array<{ enrollmentId: number; grade: number }> = [];
  for (const group of await selectGradeGroups(tx, scope.run.id, ids)) {
    const known = gradeOf(scope, group.signature);
    const grade = group.override ?? known.computed;
    const passes = !group.passed && grade >= passMark;
    if (!passes && known.computed === group.computed && isStoredAs(scope, known, group.breakdown)) continue;
    let breakdownIndex = breakdownIndexes.get(known.json);
    if (breakdownIndex === undefined) {
      breakdownIndex = breakdowns.push(known.json);
      breakdownIndexes.set(known.json, breakdownIndex);
    }
    for (const id of group.ids.split(',')) {
      const enrollmentId = Number(id);
      changes.push({ enrollmentId, computed: known.computed, breakdownIndex, passes });
      if (passes) passing.push({ enrollmentId, grade });
    }
  }
  if (changes.length > 0) await writeGradeChanges(tx, changes, breakdowns, at);
  if (passing.length > 0) await announcePasses(tx, scope, passing, at);
  return { examined, changed: changes.length, newlyPassed: passing.length };
}

async function announcePasses(
  tx: Executor,
  scope: RunScope,
  passing: ReadonlyArray<{ enrollmentId: number; grade: number }>,
  at: Date,
): Promise<void> {
  const ids = passing.map((entry) => entry.enrollmentId);
  const uuids = await selectEnrollmentUuids(tx, ids);
  const userIds = await selectGradeUserIds(tx, ids);
  const course = { id: scope.course.id, key: scope.course.key, title: scope.title };
  const passes: CoursePass[] = passing.flatMap((entry) => {
    const enrollmentUuid = uuids.get(entry.enrollmentId);
    const userId = userIds.get(entry.enrollmentId);
    if (!enrollmentUuid || !userId) return [];
    return [{ enrollmentUuid, userId, run: scope.run, course, grade: entry.grade, passedAt: at }];
  });
  await announceCoursePasses(tx, passes, at);
}
