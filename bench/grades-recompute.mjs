// Recomputing stored course grades at scale: seeds BENCH_GRADES learner-course grades (default
// 1,000,000: BENCH_RUNS runs of one course, default 100, with the same learners in every run) and
// times recomputeAllGrades twice: first with every stored grade stale (all rewritten, and the
// learners over the pass mark, about 5 %, announced: outbox events and xAPI statements), then with
// nothing left to change. Per run it reads the quizzes once; per batch it locks the rows, reads
// them grouped by score signature (one grade computation per distinct set of scores), writes the
// changed ones with one UPDATE … FROM unnest(…) and announces the passes with one outbox INSERT.
// Measurements, not tests: it prints rows/s and seconds and never fails on a figure. The database
// is its own (a temporary PGlite directory, or a new database on the server it drops afterwards).
// Usage: node bench/grades-recompute.mjs                  (PGlite in a temporary directory)
//        BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/grades-recompute.mjs
// The course, runs and quizzes go through the services; learners, enrollments, quiz scores and the
// stale grades are seeded with set-based SQL (generate_series), which a seeder may do.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { envNumber, formatTable, startWatchdog } from './lib.mjs';

// One module graph for every TypeScript import below.
register();
const { sql } = await import('drizzle-orm');
const { applyMigrations, openDatabase } = await import('../src/platform/db/index.ts');
const { SYSTEM_ACTOR } = await import('../src/platform/access/index.ts');
const { systemClock } = await import('../src/platform/clock/index.ts');
const { createAccount } = await import('../src/modules/identity/index.ts');
const { addMember, createInstitution, listMembershipsOfUser } = await import('../src/modules/institutions/index.ts');
const courses = await import('../src/modules/courses/index.ts');
export const assessment = await import('../src/modules/assessment/index.ts');

/** A fresh database: on the server named by BENCH_DATABASE_URL, else PGlite in a temporary directory. */
export async function openBenchDatabase(label) {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), `orbis-${label}-`));
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    await applyMigrations(handle);
    return { handle, kind: 'PGlite', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { default: pg } = await import('pg');
  const name = `orbis_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await applyMigrations(handle);
  const drop = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
  return { handle, kind: 'PostgreSQL', drop };
}

const quiz = (title, assignmentType, points) => ({
  type: 'quiz',
  title,
  assignmentType,
  attemptsAllowed: null,
  questions: points.map((value, index) => ({
    id: `q${index + 1}`,
    kind: 'single_choice',
    prompt: `Question ${index + 1}`,
    points: value,
    choices: [
      { id: 'a', text: 'Right', correct: true },
      { id: 'b', text: 'Wrong', correct: false },
    ],
  })),
});

/** A published course with two homework quizzes and an exam, and `runs` self-paced runs of it. */
export async function seedGradedCourse(db, runs) {
  const system = { db, clock: systemClock, actor: SYSTEM_ACTOR };
  const institution = await createInstitution(system, {
    key: 'bench-university',
    name: { en: 'Bench University' },
    country: 'KE',
    type: 'university',
    membershipStatus: 'member',
  });
  const user = await createAccount(system, {
    email: 'bench.grader@bench.test',
    name: 'Bench Grader',
    password: 'bench-password-not-secret',
  });
  await addMember(system, { institutionId: institution.id, userId: user.id, role: 'instructor' });
  const memberships = await listMembershipsOfUser(db, user.id);
  const ctx = { db, clock: systemClock, actor: { userId: user.id, isSecretariat: false, memberships, via: 'session' } };
  const key = 'bench-grades';
  await courses.createCourse(ctx, {
    key,
    leadInstitutionId: institution.id,
    metadata: { title: { en: 'Bench grades' }, languages: ['en'] },
  });
  const section = await courses.addSection(ctx, key, { title: 'Week 1' });
  const unit = await courses.addUnit(ctx, key, section.key, { title: 'Quizzes' });
  const blocks = [];
  for (const input of [
    quiz('Homework 1', 'Homework', [1, 1]),
    quiz('Homework 2', 'Homework', [2, 1, 1]),
    quiz('Exam', 'Exam', [2, 2, 1]),
  ]) {
    blocks.push(await courses.addBlock(ctx, key, unit.key, input));
  }
  await courses.publishCourse(ctx, key, { message: 'Bench' });
  const gradingPolicy = {
    assignmentTypes: [
      { name: 'Homework', weight: 0.4, dropLowest: 1 },
      { name: 'Exam', weight: 0.6, dropLowest: 0 },
    ],
    // High, so that a recompute announces some first passes (about 5 %) without being mostly that.
    passMark: Number(process.env.BENCH_PASS_MARK ?? 0.9),
  };
  const created = [];
  for (let index = 1; index <= runs; index += 1) {
    created.push(
      await courses.createRun(ctx, key, { code: `R${index}`, pacing: 'self_paced', language: 'en', gradingPolicy }),
    );
  }
  return {
    ctx,
    key,
    runs: created,
    blocks: blocks.map((block, index) => ({ entityId: block.entityId, max: [2, 4, 5][index] })),
  };
}

/**
 * `perRun` learners enrolled in every run, a best score for about 70 % of (learner, quiz) pairs,
 * and a stale grade row (0, no breakdown) per enrollment, so the recompute has real work.
 */
export async function seedLearners(db, seeded, perRun, prefix = 'bench') {
  const runIds = `{${seeded.runs.map((run) => run.id).join(',')}}`;
  await db.execute(sql`
    insert into idn_user (name, email, email_verified, created_at, updated_at)
    select 'Learner ' || lpad(g::text, 7, '0'), ${prefix} || '-' || g || '@bench.test', true, now(), now()
    from generate_series(1, ${perRun}) as g`);
  await db.execute(sql`
    insert into enr_enrollment (run_id, course_id, user_id, mode, enrolled_at, created_at, updated_at)
    select r.id, r.course_id, u.id, case when random() < 0.2 then 'verified' else 'audit' end, now(), now(), now()
    from crs_run r cross join (select id from idn_user where email like ${`${prefix}-%`}) u
    where r.id = any(${runIds}::bigint[])`);
  for (const block of seeded.blocks) {
    await db.execute(sql`
      insert into asm_quiz_score (enrollment_id, block_entity_id, run_id, score, max_score, attempts_used, best_attempt_id, updated_at)
      select e.id, ${block.entityId}, e.run_id, floor(random() * ${block.max + 1}), ${block.max}, 1, 0, now()
      from enr_enrollment e
      where e.run_id = any(${runIds}::bigint[]) and random() < 0.7`);
  }
  await db.execute(sql`
    insert into asm_course_grade (enrollment_id, run_id, user_id, computed, breakdown, passed, updated_at)
    select e.id, e.run_id, e.user_id, 0, '[]'::jsonb, false, now()
    from enr_enrollment e where e.run_id = any(${runIds}::bigint[])`);
  await db.execute(sql`analyze`);
}

const seconds = (from) => ((performance.now() - from) / 1000).toFixed(1);

async function main() {
  const watchdog = startWatchdog(envNumber('BENCH_TIMEOUT', 900), 'bench/grades-recompute');
  const runs = envNumber('BENCH_RUNS', 100);
  const total = envNumber('BENCH_GRADES', 1_000_000);
  const perRun = Math.ceil(total / runs);
  const batchSize = envNumber('BENCH_BATCH', 2000);
  const { handle, kind, drop } = await openBenchDatabase('grades');
  try {
    let started = performance.now();
    const seeded = await seedGradedCourse(handle.db, runs);
    await seedLearners(handle.db, seeded, perRun);
    console.log(`${kind}: seeded ${runs} runs × ${perRun} learners = ${runs * perRun} grades in ${seconds(started)} s`);
    const rows = [];
    for (const pass of ['stale grades', 'nothing to change']) {
      started = performance.now();
      const counts = await assessment.recomputeAllGrades(handle.db, { batchSize });
      const elapsed = (performance.now() - started) / 1000;
      rows.push([
        pass,
        counts.runs,
        counts.examined,
        counts.changed,
        counts.newlyPassed,
        elapsed.toFixed(1),
        Math.round(counts.examined / elapsed).toLocaleString('en'),
      ]);
    }
    console.log(formatTable(['recompute', 'runs', 'examined', 'changed', 'new passes', 'seconds', 'rows/s'], rows));
  } finally {
    await handle.close();
    await drop();
    clearTimeout(watchdog);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
