import type { ServiceContext } from '../../platform/access/index.ts';
import { getReleaseTree, type CourseRun, type LoadedCourse } from '../courses/index.ts';
import { summarizeProgress } from '../courseware/index.ts';
import { requireLearnerRun, type Enrollment } from '../enrollment/index.ts';
import {
  computeCourseGrade,
  listReleaseQuizzes,
  sameAssignmentType,
  toGradeInputs,
  type ReleaseQuiz,
  type StoredQuizScore,
} from './course-grade.ts';
import { selectCourseGrade, selectQuizScores } from './grades-store.ts';

export type ProgressQuiz = {
  uuid: string;
  key: string;
  title: string;
  /** The best score, null when not attempted. */
  score: number | null;
  maxScore: number;
  /** score / maxScore within 0..1; 0 for an unattempted quiz, null for one worth no points. */
  ratio: number | null;
  /** Left out of its type's average as one of the lowest. */
  dropped: boolean;
};

export type ProgressGroup = {
  /** The assignment type; null for "every graded quiz" when the policy names no type. */
  name: string | null;
  weight: number;
  dropLowest: number;
  /** The average after dropping, 0..1. */
  average: number;
  quizzes: ProgressQuiz[];
};

export type LearnerProgress = {
  course: LoadedCourse;
  run: CourseRun;
  enrollment: Enrollment;
  courseTitle: Record<string, string>;
  /** The grade that counts (override first), 0..1. */
  grade: number;
  computed: number;
  override: number | null;
  passMark: number;
  passed: boolean;
  passedAt: Date | null;
  groups: ProgressGroup[];
  /** Graded quizzes of a type the policy does not name: shown, never counted. */
  uncounted: ProgressQuiz[];
  practice: ProgressQuiz[];
  completion: { completedBlocks: number; totalBlocks: number; lastUnitKey: string | null };
};

function toProgressQuiz(quiz: ReleaseQuiz, stored: StoredQuizScore | undefined): ProgressQuiz {
  const [input] = toGradeInputs([quiz], new Map(stored ? [[quiz.entityId, stored]] : []));
  const score = input!.score;
  const ratio = quiz.maxScore > 0 ? Math.min(1, Math.max(0, (score ?? 0) / quiz.maxScore)) : null;
  return { uuid: quiz.uuid, key: quiz.key, title: quiz.title, score, maxScore: quiz.maxScore, ratio, dropped: false };
}

/** Marks the quizzes computeCourseGrade drops: the lowest ratios, never the last counted one. */
function markDropped(quizzes: ProgressQuiz[], dropLowest: number): ProgressQuiz[] {
  const counted = quizzes
    .map((quiz, index) => ({ quiz, index }))
    .filter((entry) => entry.quiz.ratio !== null)
    .sort((a, b) => a.quiz.ratio! - b.quiz.ratio! || a.index - b.index);
  const dropped = new Set(counted.slice(0, Math.min(dropLowest, Math.max(counted.length - 1, 0))).map((e) => e.index));
  return quizzes.map((quiz, index) => (dropped.has(index) ? { ...quiz, dropped: true } : quiz));
}

/**
 * The signed-in learner's progress in a run: their grade and how it is made (per assignment type
 * of the policy: weight, quizzes with scores, the dropped ones, the average), the pass mark, their
 * pass, and how much of the content they completed.
 * Errors: unauthenticated, not_found, forbidden 'enrollment.required'.
 */
export async function getProgress(ctx: ServiceContext, courseKey: string, runCode: string): Promise<LearnerProgress> {
  const learner = await requireLearnerRun(ctx, courseKey, runCode);
  const { course, run, enrollment } = learner;
  const [tree, scores, stored, completion] = await Promise.all([
    getReleaseTree(ctx.db, run.releaseId),
    selectQuizScores(ctx.db, enrollment.id),
    selectCourseGrade(ctx.db, enrollment.id),
    summarizeProgress(ctx.db, learner),
  ]);
  const all = listReleaseQuizzes(tree);
  const graded = all.filter((quiz) => quiz.mode === 'graded');
  const policy = run.gradingPolicy;
  const { grade: computed, breakdown } = computeCourseGrade(policy, toGradeInputs(graded, scores));
  const progressOf = (quiz: ReleaseQuiz) => toProgressQuiz(quiz, scores.get(quiz.entityId));
  const groups: ProgressGroup[] =
    policy.assignmentTypes.length === 0
      ? [{ name: null, weight: 1, dropLowest: 0, average: computed, quizzes: graded.map(progressOf) }]
      : policy.assignmentTypes.map((type, index) => ({
          name: type.name,
          weight: type.weight,
          dropLowest: type.dropLowest,
          average: breakdown[index]!.average,
          quizzes: markDropped(
            graded.filter((quiz) => sameAssignmentType(quiz.assignmentType, type.name)).map(progressOf),
            type.dropLowest,
          ),
        }));
  const named = (quiz: ReleaseQuiz) =>
    policy.assignmentTypes.length === 0 ||
    policy.assignmentTypes.some((type) => sameAssignmentType(type.name, quiz.assignmentType));
  const override = stored?.override ?? null;
  return {
    course,
    run,
    enrollment,
    courseTitle: tree.metadata.title,
    grade: override ?? computed,
    computed,
    override,
    passMark: policy.passMark,
    passed: stored?.passed ?? false,
    passedAt: stored?.passedAt ?? null,
    groups,
    uncounted: graded.filter((quiz) => !named(quiz)).map(progressOf),
    practice: all.filter((quiz) => quiz.mode === 'practice').map(progressOf),
    completion,
  };
}
