// Seeds what the quiz benchmarks submit to, through the services, before the server opens the
// database: one institution and instructor, a published course whose quiz allows unlimited
// attempts, a self-paced run, and `learners` people enrolled in it, each with an API token.
import { eq } from 'drizzle-orm';
import { SYSTEM_ACTOR, type ServiceContext } from '../src/platform/access/index.ts';
import { loadConfig } from '../src/platform/config/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { openPlatform } from '../src/server/platform.ts';
import { createAccount, createApiToken } from '../src/modules/identity/index.ts';
import { addMember, createInstitution, listMembershipsOfUser } from '../src/modules/institutions/index.ts';
import { addBlock, addSection, addUnit, createCourse, createRun, publishCourse } from '../src/modules/courses/index.ts';
import { enrollInRun } from '../src/modules/enrollment/index.ts';
import { startQuizAttempt } from '../src/modules/assessment/index.ts';
import { asmAttempt } from '../src/modules/assessment/schema.ts';

const PASSWORD = 'bench-password-not-secret';

export type QuizBenchWorld = {
  courseKey: string;
  runCode: string;
  /** The first quiz's key. */
  blockKey: string;
  blockKeys: string[];
  learners: Array<{ userId: string; token: string }>;
  /** Attempts already started, one per learner and quiz, when asked for. */
  openAttempts: Array<{ token: string; blockKey: string; attemptId: string }>;
  /** Answers that score full marks, as the API takes them. */
  answers: Record<string, string[] | number | string>;
};

const QUIZ = {
  type: 'quiz' as const,
  title: 'Bench quiz',
  mode: 'graded' as const,
  assignmentType: 'Homework',
  attemptsAllowed: null,
  questions: [
    {
      id: 'single',
      kind: 'single_choice' as const,
      prompt: 'Pick b.',
      points: 1,
      choices: [
        { id: 'a', text: 'A', correct: false },
        { id: 'b', text: 'B', correct: true },
      ],
    },
    {
      id: 'multi',
      kind: 'multiple_choice' as const,
      prompt: 'Pick a and c.',
      points: 2,
      choices: [
        { id: 'a', text: 'A', correct: true },
        { id: 'b', text: 'B', correct: false },
        { id: 'c', text: 'C', correct: true },
      ],
    },
    { id: 'number', kind: 'numeric' as const, prompt: 'Two plus two?', points: 1, answer: 4, tolerance: 0 },
    { id: 'text', kind: 'short_text' as const, prompt: 'Say hello.', points: 1, acceptedAnswers: ['hello'] },
  ],
};

/** The configuration the server gets: the same data directory or PostgreSQL database. */
function configFor(options: { dataDir: string; databaseUrl: string | null }) {
  return loadConfig({
    NODE_ENV: 'development',
    ORBIS_DATA_DIR: options.dataDir,
    ORBIS_LOG_LEVEL: 'warn',
    ORBIS_DEMO: 'false',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
}

export async function seedQuizWorld(options: {
  dataDir: string;
  databaseUrl: string | null;
  learners: number;
  /** How many quizzes the unit holds (1 by default). */
  quizzes?: number;
  /** Start an attempt for every learner at every quiz, so that a benchmark only submits. */
  startAttempts?: boolean;
}): Promise<QuizBenchWorld> {
  const config = configFor(options);
  const platform = await openPlatform(config, { dispatchMail: false });
  const system: ServiceContext = { db: platform.db, clock: platform.clock, actor: SYSTEM_ACTOR };
  try {
    const institution = await createInstitution(system, {
      key: 'bench-university',
      name: { en: 'Bench University' },
      country: 'KE',
      type: 'university',
      membershipStatus: 'member',
    });
    const instructor = await createAccount(system, {
      email: 'quiz.instructor@bench.orbis.test',
      name: 'Quiz Instructor',
      password: PASSWORD,
      emailVerified: true,
    });
    await addMember(system, { institutionId: institution.id, userId: instructor.id, role: 'instructor' });
    const lead: ServiceContext = {
      ...system,
      actor: {
        userId: instructor.id,
        isSecretariat: false,
        memberships: await listMembershipsOfUser(platform.db, instructor.id),
        via: 'system',
      },
    };
    const courseKey = 'bench-quiz-course';
    await createCourse(lead, {
      key: courseKey,
      leadInstitutionId: institution.id,
      metadata: { title: { en: 'Bench quiz course' }, languages: ['en'] },
    });
    const section = await addSection(lead, courseKey, { title: 'Week 1' });
    const unit = await addUnit(lead, courseKey, section.key, { title: 'Quiz' });
    const blockKeys: string[] = [];
    for (let index = 0; index < (options.quizzes ?? 1); index += 1) {
      blockKeys.push((await addBlock(lead, courseKey, unit.key, { ...QUIZ, title: `Bench quiz ${index + 1}` })).key);
    }
    await publishCourse(lead, courseKey, { message: 'Bench' });
    const run = await createRun(lead, courseKey, { code: 'SP', pacing: 'self_paced', language: 'en' });
    const learners: QuizBenchWorld['learners'] = [];
    const openAttempts: QuizBenchWorld['openAttempts'] = [];
    for (let index = 0; index < options.learners; index += 1) {
      const user = await createAccount(system, {
        email: `quiz.learner.${index}@bench.orbis.test`,
        name: `Learner ${index}`,
        password: PASSWORD,
        emailVerified: true,
      });
      const session: ServiceContext = {
        ...system,
        actor: { userId: user.id, isSecretariat: false, memberships: [], via: 'session' },
      };
      await enrollInRun(session, courseKey, run.code);
      const { token } = await createApiToken(session, { name: 'bench' });
      learners.push({ userId: user.id, token });
      for (const blockKey of options.startAttempts ? blockKeys : []) {
        const { attempt } = await startQuizAttempt(session, courseKey, run.code, blockKey);
        openAttempts.push({ token, blockKey, attemptId: attempt.uuid });
      }
    }
    return {
      courseKey,
      runCode: run.code,
      blockKey: blockKeys[0]!,
      blockKeys,
      learners,
      openAttempts,
      answers: { single: ['b'], multi: ['a', 'c'], number: 4, text: 'hello' },
    };
  } finally {
    await platform.close();
  }
}

/** Every submitted attempt, as stored, for comparing with what clients were told. */
export async function readSubmittedAttempts(options: {
  dataDir: string;
  databaseUrl: string | null;
}): Promise<Array<{ uuid: string; userId: string; idempotencyKey: string | null; answersSha256: string | null }>> {
  const { database } = configFor(options);
  const handle = await openDatabase(
    database.kind === 'postgres'
      ? { kind: 'postgres', url: database.url }
      : { kind: 'pglite', dataDir: database.dataDir },
  );
  try {
    return await handle.db
      .select({
        uuid: asmAttempt.uuid,
        userId: asmAttempt.userId,
        idempotencyKey: asmAttempt.idempotencyKey,
        answersSha256: asmAttempt.answersSha256,
      })
      .from(asmAttempt)
      .where(eq(asmAttempt.status, 'submitted'));
  } finally {
    await handle.close();
  }
}
