import type { ServiceContext } from '../../platform/access/index.ts';
import { createFixedClock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import {
  addBlock,
  addSection,
  addUnit,
  createRun,
  publishCourse,
  type BlockInput,
  type CourseRun,
  type TreeBlock,
} from '../courses/index.ts';
import { createCourseTestHelpers } from '../courses/test-helpers.ts';
import { requireLearnerRun, type LearnerRun } from '../enrollment/index.ts';
import { enrollForTest } from '../enrollment/test-helpers.ts';
import type { StoredAnswers } from './schema.ts';

/*
 * A published course with quizzes of every kind, a self-paced and a scheduled run, and learners
 * enrolled directly, for the quiz services' tests and the HTTP tests above them.
 */

export const DAY_MS = 86_400_000;
/** The number the numeric question expects: unusual enough to be searched for in any response. */
export const CANARY_NUMBER = 48213.977;

export type FullQuizOptions = {
  title?: string;
  /** Put into every accepted answer, feedback and explanation, and nowhere else. */
  canary?: string;
  reveal?: 'immediately' | 'after_due' | 'never';
  dueAfterDays?: number | null;
  attemptsAllowed?: number | null;
  shuffle?: boolean;
  mode?: 'graded' | 'practice';
  /** The numeric question's answer; CANARY_NUMBER unless given. */
  numericAnswer?: number;
};

/** A quiz with one question of each kind (ids single, multi, number, text), 10 points in all. */
export function buildFullQuiz(options: FullQuizOptions = {}): BlockInput {
  const canary = options.canary ?? 'secret';
  const choice = (id: string, text: string, correct: boolean) => ({
    id,
    text,
    correct,
    feedback: `Feedback ${id} ${canary}`,
  });
  return {
    type: 'quiz',
    title: options.title ?? 'Check your understanding',
    mode: options.mode ?? 'graded',
    assignmentType: 'Homework',
    attemptsAllowed: options.attemptsAllowed === undefined ? 3 : options.attemptsAllowed,
    shuffleQuestions: options.shuffle ?? false,
    shuffleChoices: options.shuffle ?? false,
    dueAfterDays: options.dueAfterDays ?? null,
    reveal: options.reveal ?? 'immediately',
    questions: [
      {
        id: 'single',
        kind: 'single_choice',
        prompt: 'Which gas do plants take in?',
        points: 2,
        explanation: `Explanation single ${canary}`,
        choices: [choice('a', 'Oxygen', false), choice('b', 'Carbon dioxide', true), choice('c', 'Helium', false)],
      },
      {
        id: 'multi',
        kind: 'multiple_choice',
        prompt: 'Which are renewable?',
        points: 3,
        explanation: `Explanation multi ${canary}`,
        choices: [choice('a', 'Wind', true), choice('b', 'Coal', false), choice('c', 'Solar', true)],
      },
      {
        id: 'number',
        kind: 'numeric',
        prompt: 'Enter the magic number.',
        points: 1,
        explanation: `Explanation number ${canary}`,
        answer: options.numericAnswer ?? CANARY_NUMBER,
        tolerance: 0.001,
      },
      {
        id: 'text',
        kind: 'short_text',
        prompt: 'Name the hidden word.',
        points: 4,
        explanation: `Explanation text ${canary}`,
        acceptedAnswers: [`${canary}-word`, `other ${canary}`],
      },
    ],
  };
}

/** The answers that get every point of buildFullQuiz. */
export function rightAnswers(canary = 'secret'): StoredAnswers {
  return { single: ['b'], multi: ['a', 'c'], number: CANARY_NUMBER, text: `${canary}-word` };
}

/** Answers that get no point, and carry nothing of the answer key. */
export const WRONG_ANSWERS: StoredAnswers = { single: ['a'], multi: ['b'], number: 1, text: 'guess' };

type Person = { user: { id: string; email: string; name: string }; ctx: ServiceContext };

export async function createQuizWorld<Name extends string = 'quiz'>(
  db: Database,
  options: { quizzes?: Record<Name, BlockInput>; now?: Date } = {},
) {
  const helpers = createCourseTestHelpers(db);
  const cast = await helpers.buildCourseWithTeam();
  const lead = cast.leadInstructor.ctx;
  const key = cast.course.key;
  const section = await addSection(lead, key, { title: 'Week 1' });
  const unit = await addUnit(lead, key, section.key, { title: 'Quizzes' });
  const inputs = options.quizzes ?? ({ quiz: buildFullQuiz() } as Record<Name, BlockInput>);
  const blocks = {} as Record<Name, TreeBlock>;
  for (const name of Object.keys(inputs) as Name[]) blocks[name] = await addBlock(lead, key, unit.key, inputs[name]);
  const text = await addBlock(lead, key, unit.key, { type: 'text', title: 'Notes', body: 'Read this.' });
  await publishCourse(lead, key, { message: 'First edition' });
  const now = options.now ?? helpers.clock.now();
  /** Starts ten days from now and lasts sixty; the quizzes' windows are counted from here. */
  const startsAt = new Date(now.getTime() + 10 * DAY_MS);
  const selfPaced = await createRun(lead, key, { code: 'SP', pacing: 'self_paced', language: 'en' });
  const scheduled = await createRun(lead, key, {
    code: 'S1',
    pacing: 'scheduled',
    language: 'en',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 60 * DAY_MS),
  });
  const clock = createFixedClock(now);

  /** A person's service context on the world's movable clock. */
  const as = (person: { ctx: ServiceContext }): ServiceContext => ({ ...person.ctx, clock });

  async function enroll(person: Person, run: CourseRun = selfPaced, enrolledAt = clock.now()): Promise<LearnerRun> {
    await enrollForTest(db, run, person.user.id, { enrolledAt });
    return requireLearnerRun(as(person), key, run.code);
  }

  async function buildEnrolledLearner(run: CourseRun = selfPaced) {
    const person = await helpers.buildLearner();
    const learner = await enroll(person, run);
    return { ...person, ctx: as(person), learner };
  }

  return {
    helpers,
    cast,
    key,
    unit,
    blocks,
    text,
    runs: { selfPaced, scheduled },
    clock,
    as,
    enroll,
    buildEnrolledLearner,
  };
}

export type QuizWorld<Name extends string = 'quiz'> = Awaited<ReturnType<typeof createQuizWorld<Name>>>;
