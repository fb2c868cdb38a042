import type { Executor } from '../../platform/db/index.ts';
import { getReleaseTree, readRunGradingPolicy, type CourseTree, type GradingPolicy } from '../courses/index.ts';
import type { LearnerRun } from '../enrollment/index.ts';
import {
  computeCourseGrade,
  listGradedQuizzes,
  toGradeInputs,
  type ReleaseQuiz,
  type StoredQuizScore,
} from './course-grade.ts';
import {
  lockCourseGrade,
  lockCourseGrades,
  selectQuizScores,
  selectQuizScoresOf,
  updateComputedGrades,
  updateCourseGrade,
  type GradeRowChange,
  type StoredCourseGrade,
} from './grades-store.ts';
import { announceCoursePasses, type CoursePass } from './passed.ts';

/** A staff override to apply together with the recomputation: a grade 0..1, or null to clear it. */
export type OverrideChange = { override: number | null; reason: string | null; by: string };

/*
 * Releases never change and their trees are cached and frozen, so the graded quizzes of one tree
 * are listed once and kept beside it for as long as the tree itself lives.
 */
const gradedQuizzesOfTree = new WeakMap<CourseTree, readonly ReleaseQuiz[]>();

function listGradedQuizzesOnce(tree: CourseTree): readonly ReleaseQuiz[] {
  let quizzes = gradedQuizzesOfTree.get(tree);
  if (!quizzes) {
    quizzes = Object.freeze(listGradedQuizzes(tree));
    gradedQuizzesOfTree.set(tree, quizzes);
  }
  return quizzes;
}

/**
 * The run's release, as the caller already holds it (read through the database handle, whose
 * cache outlives transactions), or read through `tx` when it has none.
 */
async function readReleaseTree(tx: Executor, learner: LearnerRun, tree: CourseTree | undefined): Promise<CourseTree> {
  if (tree && tree.releaseId === learner.run.releaseId) return tree;
  return getReleaseTree(tx, learner.run.releaseId);
}

export type GradeOutcome = {
  /** The grade that counts: the override when there is one, else the computed grade. */
  grade: number;
  computed: number;
  override: number | null;
  passed: boolean;
  newlyPassed: boolean;
  passedAt: Date | null;
  /** The row as it was before this change, for audit records; null when the learner had none. */
  before: StoredCourseGrade | null;
};

/** The learner's grade row, locked for the caller's transaction, and whether it was just created. */
type LockedGrade = { row: StoredCourseGrade; created: boolean };

async function lockGradeOf(tx: Executor, learner: LearnerRun, at: Date): Promise<LockedGrade> {
  const { run, enrollment } = learner;
  return lockCourseGrade(tx, { enrollmentId: enrollment.id, runId: run.id, userId: enrollment.userId }, at);
}

/**
 * The run's grading policy as committed when the grade lock was already held (see
 * `readRunGradingPolicy`); the run as loaded at the start of the request may be older.
 */
async function readLockedPolicy(tx: Executor, learner: LearnerRun): Promise<GradingPolicy> {
  return (await readRunGradingPolicy(tx, learner.run.id)) ?? learner.run.gradingPolicy;
}

/** What a grade is computed from, all read with the learner's grade row locked. */
type GradeInputs = {
  locked: LockedGrade;
  policy: GradingPolicy;
  tree: CourseTree;
  scores: ReadonlyMap<number, StoredQuizScore>;
};

/** A grade decided from locked inputs: what the row becomes, the outcome, and a first pass to announce. */
type GradeDecision = { change: GradeRowChange; outcome: GradeOutcome; pass: CoursePass | null };

/**
 * Computes the learner's grade from locked inputs (keeping any override, or applying `change`).
 *
 * Passing is sticky: once `passedAt` is set, a lower grade later (a changed policy, a new release,
 * an override) leaves it and its event alone. A pass has effects outside this row that cannot be
 * taken back by recomputing — a certificate issued from the event, a statement already sent to
 * other record stores, a learner told they passed — so withdrawing one must be a deliberate act
 * of its own, not the side effect of a recalculation.
 */
function decideCourseGrade(learner: LearnerRun, inputs: GradeInputs, at: Date, change?: OverrideChange): GradeDecision {
  const { course, run, enrollment } = learner;
  const { locked, policy, tree, scores } = inputs;
  const current = locked.row;
  const { grade: computed, breakdown } = computeCourseGrade(policy, toGradeInputs(listGradedQuizzesOnce(tree), scores));
  const override = change ? change.override : current.override;
  const grade = override ?? computed;
  const newlyPassed = current.passedAt === null && grade >= policy.passMark;
  const passedAt = current.passedAt ?? (newlyPassed ? at : null);
  const rowChange: GradeRowChange = {
    computed,
    breakdown,
    passed: passedAt !== null,
    passedAt,
    updatedAt: at,
    ...(change
      ? {
          override,
          overrideReason: override === null ? null : change.reason,
          overriddenBy: override === null ? null : change.by,
          overriddenAt: override === null ? null : at,
        }
      : {}),
  };
  const pass = newlyPassed
    ? {
        enrollmentUuid: enrollment.uuid,
        userId: enrollment.userId,
        run,
        course: { id: course.id, key: course.key, title: tree.metadata.title },
        grade,
        passedAt: at,
      }
    : null;
  const before = locked.created ? null : current;
  const outcome = { grade, computed, override, passed: passedAt !== null, newlyPassed, passedAt, before };
  return { change: rowChange, outcome, pass };
}

/** Computes the learner's grade from locked inputs, stores it and announces a first pass. */
async function settleCourseGrade(
  tx: Executor,
  learner: LearnerRun,
  inputs: GradeInputs,
  at: Date,
  change?: OverrideChange,
): Promise<GradeOutcome> {
  const decision = decideCourseGrade(learner, inputs, at, change);
  await updateCourseGrade(tx, learner.enrollment.id, decision.change);
  if (decision.pass) await announceCoursePasses(tx, [decision.pass], at);
  return decision.outcome;
}

/**
 * Recomputes one learner's grade from the release's graded quizzes and their best scores under
 * the run's current policy, in the caller's transaction with the grade row locked; see
 * `decideCourseGrade`.
 */
export async function applyCourseGrade(
  tx: Executor,
  learner: LearnerRun,
  at: Date,
  change?: OverrideChange,
  release?: CourseTree,
): Promise<GradeOutcome> {
  const locked = await lockGradeOf(tx, learner, at);
  const policy = await readLockedPolicy(tx, learner);
  const tree = await readReleaseTree(tx, learner, release);
  const scores = await selectQuizScores(tx, learner.enrollment.id);
  return settleCourseGrade(tx, learner, { locked, policy, tree, scores }, at, change);
}

/** One learner whose grade a refresh recomputes: the time of the change, and the run's release when held. */
export type GradeRefresh = { learner: LearnerRun; at: Date; tree?: CourseTree | undefined };

/**
 * Recomputes and stores the course grades of many learners in the caller's transaction, as
 * `refreshCourseGrade` does for each, in one round trip per step: every grade row is locked first
 * (in enrollment order), then the runs' policies and the best scores are read under those locks,
 * the grades written together and the first passes announced together. Returns each learner's
 * result, by enrollment id.
 */
export async function refreshCourseGrades(
  tx: Executor,
  refreshes: readonly GradeRefresh[],
): Promise<Map<number, { grade: number; passed: boolean; newlyPassed: boolean }>> {
  const byEnrollment = new Map<number, GradeRefresh>();
  for (const refresh of refreshes) {
    // A learner named twice is refreshed once, at the later time.
    const known = byEnrollment.get(refresh.learner.enrollment.id);
    if (!known || refresh.at > known.at) byEnrollment.set(refresh.learner.enrollment.id, refresh);
  }
  const entries = [...byEnrollment.values()].sort((a, b) => a.learner.enrollment.id - b.learner.enrollment.id);
  if (entries.length === 0) return new Map();
  const latest = new Date(Math.max(...entries.map((entry) => entry.at.getTime())));
  const locked = await lockCourseGrades(
    tx,
    entries.map(({ learner }) => ({
      enrollmentId: learner.enrollment.id,
      runId: learner.run.id,
      userId: learner.enrollment.userId,
    })),
    latest,
  );
  const policies = new Map<number, GradingPolicy>();
  const trees = new Map<number, CourseTree>();
  for (const { learner, tree } of entries) {
    if (!policies.has(learner.run.id)) policies.set(learner.run.id, await readLockedPolicy(tx, learner));
    if (!trees.has(learner.run.releaseId)) trees.set(learner.run.releaseId, await readReleaseTree(tx, learner, tree));
  }
  const scores = await selectQuizScoresOf(
    tx,
    entries.map(({ learner }) => learner.enrollment.id),
  );
  const decisions = entries.map(({ learner, at }) =>
    decideCourseGrade(
      learner,
      {
        locked: locked.get(learner.enrollment.id)!,
        policy: policies.get(learner.run.id)!,
        tree: trees.get(learner.run.releaseId)!,
        scores: scores.get(learner.enrollment.id) ?? new Map(),
      },
      at,
    ),
  );
  await updateComputedGrades(
    tx,
    decisions.map(({ change }, index) => ({
      enrollmentId: entries[index]!.learner.enrollment.id,
      computed: change.computed!,
      breakdown: change.breakdown!,
      passed: change.passed!,
      passedAt: change.passedAt ?? null,
      updatedAt: change.updatedAt,
    })),
  );
  await announceCoursePasses(
    tx,
    decisions.flatMap(({ pass }) => (pass ? [pass] : [])),
    latest,
  );
  return new Map(
    decisions.map(({ outcome }, index) => [
      entries[index]!.learner.enrollment.id,
      { grade: outcome.grade, passed: outcome.passed, newlyPassed: outcome.newlyPassed },
    ]),
  );
}

/**
 * Recomputes and stores the learner's course grade in the caller's transaction; called after
 * every submitted attempt. Announces the first pass (outbox `course.passed` and an xAPI 'passed'
 * statement). See `decideCourseGrade` for why passing is sticky. A caller that already holds the
 * run's release tree passes it (`options.tree`), so the transaction does not read it again.
 */
export async function refreshCourseGrade(
  tx: Executor,
  learner: LearnerRun,
  at: Date,
  options: { tree?: CourseTree } = {},
): Promise<{ grade: number; passed: boolean; newlyPassed: boolean }> {
  const refreshed = await refreshCourseGrades(tx, [{ learner, at, tree: options.tree }]);
  return refreshed.get(learner.enrollment.id)!;
}
