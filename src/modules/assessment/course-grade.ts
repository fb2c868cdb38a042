import type { CourseTree, GradingPolicy, QuizBlock } from '../courses/index.ts';

/** One quiz as the course grade sees it: its type, what the learner scored and out of how much. */
export type GradeInput = { assignmentType: string; score: number | null; maxScore: number; graded: boolean };

/** Per assignment type of the policy: the average after dropping, its weight and how many were dropped. */
export type GradeBreakdownEntry = { type: string; average: number; weight: number; dropped: number };

export type CourseGradeResult = { grade: number; breakdown: GradeBreakdownEntry[] };

/** A quiz of a release, with what grading needs to know about it. */
export type ReleaseQuiz = {
  entityId: number;
  uuid: string;
  key: string;
  title: string;
  mode: QuizBlock['mode'];
  assignmentType: string;
  /** The sum of its questions' points. */
  maxScore: number;
};

const PRECISION = 1e6;

/** Grades are kept to six decimals, so the same inputs give the same stored number everywhere. */
export function roundGrade(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, Math.round(value * PRECISION) / PRECISION));
}

/** Names in the policy and on quizzes are matched without regard to case or surrounding spaces. */
export function sameAssignmentType(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function ratioOf(quiz: GradeInput): number {
  const ratio = (quiz.score ?? 0) / quiz.maxScore;
  return Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;
}

/**
 * Averages ratios after dropping the lowest `dropLowest`. The last quiz of a type is never
 * dropped: dropping every quiz would turn a type into a zero the learner could not change.
 */
function averageAfterDropping(ratios: number[], dropLowest: number): { average: number; dropped: number } {
  if (ratios.length === 0) return { average: 0, dropped: 0 };
  const dropped = Math.min(dropLowest, ratios.length - 1);
  // Sorting fixes the order of the additions too, so the result never depends on the input order.
  const kept = [...ratios].sort((a, b) => a - b).slice(dropped);
  return { average: kept.reduce((sum, ratio) => sum + ratio, 0) / kept.length, dropped };
}

/**
 * The course grade under a run's policy (pure). Practice quizzes and quizzes worth no points
 * never count; an unattempted quiz counts as 0. Each assignment type of the policy averages its
 * quizzes after dropping the lowest ones (no quizzes: 0) and contributes weight × average; a
 * quiz whose type the policy does not name does not count. A policy without types takes the plain
 * average of every graded quiz. The grade is rounded to 1e-6 and kept within 0..1.
 */
export function computeCourseGrade(policy: GradingPolicy, quizzes: ReadonlyArray<GradeInput>): CourseGradeResult {
  const counted = quizzes.filter((quiz) => quiz.graded && quiz.maxScore > 0);
  if (policy.assignmentTypes.length === 0) {
    return { grade: roundGrade(averageAfterDropping(counted.map(ratioOf), 0).average), breakdown: [] };
  }
  let total = 0;
  const breakdown = policy.assignmentTypes.map((type) => {
    const ratios = counted.filter((quiz) => sameAssignmentType(quiz.assignmentType, type.name)).map(ratioOf);
    const { average, dropped } = averageAfterDropping(ratios, type.dropLowest);
    total += type.weight * average;
    return { type: type.name, average: roundGrade(average), weight: type.weight, dropped };
  });
  return { grade: roundGrade(total), breakdown };
}

/** The maximum score of a quiz: the sum of its questions' points. */
export function quizMaxScore(quiz: Pick<QuizBlock, 'questions'>): number {
  return quiz.questions.reduce((sum, question) => sum + question.points, 0);
}

/** Every quiz of a release in reading order, graded and practice alike. */
export function listReleaseQuizzes(tree: CourseTree): ReleaseQuiz[] {
  const quizzes: ReleaseQuiz[] = [];
  for (const section of tree.sections) {
    for (const unit of section.units) {
      for (const entry of unit.blocks) {
        if (entry.block.type !== 'quiz') continue;
        quizzes.push({
          entityId: entry.entityId,
          uuid: entry.uuid,
          key: entry.key,
          title: entry.block.title,
          mode: entry.block.mode,
          assignmentType: entry.block.assignmentType,
          maxScore: quizMaxScore(entry.block),
        });
      }
    }
  }
  return quizzes;
}

/** The quizzes of a release that count toward the grade (mode 'graded'). */
export function listGradedQuizzes(tree: CourseTree): ReleaseQuiz[] {
  return listReleaseQuizzes(tree).filter((quiz) => quiz.mode === 'graded');
}

/** A stored best score of one quiz, possibly earned on another version of it. */
export type StoredQuizScore = { blockEntityId: number; score: number; maxScore: number };

/**
 * The grade inputs of one learner: each quiz of the release with their best score. A score earned
 * on another version of the quiz keeps its fraction, expressed against the release's maximum, so
 * moving a run to a new release never turns a full mark into more or less than full.
 */
export function toGradeInputs(
  quizzes: ReadonlyArray<ReleaseQuiz>,
  scores: ReadonlyMap<number, StoredQuizScore>,
): GradeInput[] {
  return quizzes.map((quiz) => {
    const stored = scores.get(quiz.entityId);
    return {
      assignmentType: quiz.assignmentType,
      maxScore: quiz.maxScore,
      graded: quiz.mode === 'graded',
      score: scaleScore(stored, quiz.maxScore),
    };
  });
}

function scaleScore(stored: StoredQuizScore | undefined, maxScore: number): number | null {
  if (!stored) return null;
  if (stored.maxScore === maxScore) return stored.score;
  return stored.maxScore > 0 ? (stored.score / stored.maxScore) * maxScore : 0;
}
