// Seeds what the credentials loss test issues, through the services, before the server opens
// the database: a joint course (a lead and a partner institution) whose self-paced run grants a
// certificate on passing, and `passes` learners who each passed its quiz, so the outbox holds one
// `course.passed` event per learner for the server's worker to turn into a credential.
import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR, type ServiceContext } from '../src/platform/access/index.ts';
import { loadConfig } from '../src/platform/config/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { openPlatform } from '../src/server/platform.ts';
import { createAccount } from '../src/modules/identity/index.ts';
import { addMember, createInstitution, listMembershipsOfUser } from '../src/modules/institutions/index.ts';
import { addBlock, addSection, addUnit, createCourse, createRun, publishCourse } from '../src/modules/courses/index.ts';
import { enrollInRun } from '../src/modules/enrollment/index.ts';
import { startQuizAttempt, submitQuizAttempt } from '../src/modules/assessment/index.ts';

const PASSWORD = 'bench-password-not-secret';

const QUIZ = {
  type: 'quiz' as const,
  title: 'Final quiz',
  mode: 'graded' as const,
  assignmentType: 'Exam',
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
  ],
};

function configFor(options: { dataDir: string; databaseUrl: string | null }) {
  return loadConfig({
    NODE_ENV: 'development',
    ORBIS_DATA_DIR: options.dataDir,
    ORBIS_LOG_LEVEL: 'warn',
    ORBIS_DEMO: 'false',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
}

export async function seedCredentialWorld(options: {
  dataDir: string;
  databaseUrl: string | null;
  passes: number;
}): Promise<{ enrollments: string[] }> {
  const platform = await openPlatform(configFor(options), { dispatchMail: false, runWorkers: false });
  const system: ServiceContext = { db: platform.db, clock: platform.clock, actor: SYSTEM_ACTOR };
  try {
    const lead = await createInstitution(system, {
      key: 'loss-university',
      name: { en: 'Loss University' },
      country: 'KE',
      type: 'university',
      membershipStatus: 'member',
    });
    const partner = await createInstitution(system, {
      key: 'loss-polytechnic',
      name: { en: 'Loss Polytechnic' },
      country: 'IT',
      type: 'university',
      membershipStatus: 'member',
    });
    const instructor = await createAccount(system, {
      email: 'credentials.instructor@bench.orbis.test',
      name: 'Credentials Instructor',
      password: PASSWORD,
      emailVerified: true,
    });
    await addMember(system, { institutionId: lead.id, userId: instructor.id, role: 'instructor' });
    const ctx: ServiceContext = {
      ...system,
      actor: {
        userId: instructor.id,
        isSecretariat: false,
        memberships: await listMembershipsOfUser(platform.db, instructor.id),
        via: 'system',
      },
    };
    const courseKey = 'loss-credentials-course';
    await createCourse(ctx, {
      key: courseKey,
      leadInstitutionId: lead.id,
      partnerInstitutionIds: [partner.id],
      metadata: { title: { en: 'Credentials under failure' }, languages: ['en'] },
    });
    const section = await addSection(ctx, courseKey, { title: 'Week 1' });
    const unit = await addUnit(ctx, courseKey, section.key, { title: 'Quiz' });
    const block = await addBlock(ctx, courseKey, unit.key, QUIZ);
    await publishCourse(ctx, courseKey, { message: 'Loss test' });
    const run = await createRun(ctx, courseKey, {
      code: 'SP',
      pacing: 'self_paced',
      language: 'en',
      certificatePolicy: 'free_on_pass',
      gradingPolicy: { assignmentTypes: [{ name: 'Exam', weight: 1, dropLowest: 0 }], passMark: 0.5 },
    });
    const enrollments: string[] = [];
    for (let index = 0; index < options.passes; index += 1) {
      const user = await createAccount(system, {
        email: `credentials.learner.${index}@bench.orbis.test`,
        name: `Learner ${index}`,
        password: PASSWORD,
        emailVerified: true,
      });
      const session: ServiceContext = {
        ...system,
        actor: { userId: user.id, isSecretariat: false, memberships: [], via: 'session' },
      };
      const enrollment = await enrollInRun(session, courseKey, run.code);
      const { attempt } = await startQuizAttempt(session, courseKey, run.code, block.key);
      await submitQuizAttempt(session, courseKey, run.code, block.key, attempt.uuid, { answers: { single: ['b'] } });
      enrollments.push(enrollment.uuid);
    }
    return { enrollments };
  } finally {
    await platform.close();
  }
}

/** Both drivers answer `execute` with `{ rows }`. */
function readRows<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

export type IssuedState = {
  /** Credentials per enrollment (course certificates). */
  credentials: Array<{ enrollmentUuid: string; count: number }>;
  pendingEvents: number;
  doneEvents: number;
};

/** What is issued and what is still due, read while no server holds the database. */
export async function readIssuedState(options: { dataDir: string; databaseUrl: string | null }): Promise<IssuedState> {
  const { database } = configFor(options);
  const handle = await openDatabase(
    database.kind === 'postgres'
      ? { kind: 'postgres', url: database.url }
      : { kind: 'pglite', dataDir: database.dataDir },
  );
  try {
    const credentials = readRows<IssuedState['credentials'][number]>(
      await handle.db.execute(sql`select enrollment_uuid::text as "enrollmentUuid", count(*)::int as count
        from cred_credential where kind = 'course' group by enrollment_uuid`),
    );
    const [events] = readRows<{ pending: number; done: number }>(
      await handle.db.execute(sql`select count(*) filter (where status = 'pending')::int as pending,
        count(*) filter (where status = 'done')::int as done from evt_outbox where topic = 'course.passed'`),
    );
    return { credentials, pendingEvents: events?.pending ?? 0, doneEvents: events?.done ?? 0 };
  } finally {
    await handle.close();
  }
}
