// Bulk enrollment at a university's scale: seeds BENCH_LEARNERS accounts (default 100,000) straight
// into idn_user, then times bulkEnroll of all of them into one run through the service, and once
// more with everyone already enrolled. Measurements, not tests: it prints figures and never fails
// on one. The goal is under 60 s for 100,000 addresses on PostgreSQL.
// Usage: node bench/enroll-bulk.mjs                                   (PGlite in memory)
//        BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/enroll-bulk.mjs
// With BENCH_DATABASE_URL, a fresh database is created on that server and dropped at the end.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { clearTimeout } from 'node:timers';
import { register } from 'tsx/esm/api';
import { envNumber, formatTable, startWatchdog } from './lib.mjs';

const LEARNERS = envNumber('BENCH_LEARNERS', 100_000);
const watchdog = startWatchdog(envNumber('BENCH_TIMEOUT', 600), 'bench/enroll-bulk');

// One namespace, so every module below comes from the same module graph.
const loader = register({ namespace: 'enroll-bulk' });
const load = (path) => loader.import(path, import.meta.url);
const { openDatabase, applyMigrations } = await load('../src/platform/db/index.ts');
const { SYSTEM_ACTOR } = await load('../src/platform/access/index.ts');
const { createFixedClock } = await load('../src/platform/clock/index.ts');
const { createAccount } = await load('../src/modules/identity/index.ts');
const { addMember, createInstitution, listMembershipsOfUser } = await load('../src/modules/institutions/index.ts');
const courses = await load('../src/modules/courses/index.ts');
const { bulkEnroll } = await load('../src/modules/enrollment/index.ts');

/** A fresh database on BENCH_DATABASE_URL's server, or null for an in-memory PGlite. */
async function createServerDatabase() {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) return null;
  const { default: pg } = await import('pg');
  const name = `orbis_bench_${randomBytes(5).toString('hex')}`;
  const run = async (statement) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

async function seconds(action) {
  const started = performance.now();
  const result = await action();
  return { result, seconds: (performance.now() - started) / 1000 };
}

/** A published course with one self-paced run, and its lead instructor's service context. */
async function prepareCourse(db, clock) {
  const system = { db, clock, actor: SYSTEM_ACTOR };
  const institution = await createInstitution(system, {
    key: 'bench-university',
    name: { en: 'Bench University' },
    country: 'KE',
    type: 'university',
    membershipStatus: 'member',
  });
  const user = await createAccount(system, {
    email: 'bench.lead@bench.example.test',
    name: 'Bench Lead',
    password: 'bench-password-not-secret',
  });
  await addMember(system, { institutionId: institution.id, userId: user.id, role: 'instructor' });
  const memberships = await listMembershipsOfUser(db, user.id);
  const ctx = { db, clock, actor: { userId: user.id, isSecretariat: false, memberships, via: 'session' } };
  const key = 'bench-intake';
  await courses.createCourse(ctx, {
    key,
    leadInstitutionId: institution.id,
    metadata: { title: { en: 'First-year intake' }, languages: ['en'] },
  });
  const section = await courses.addSection(ctx, key, { title: 'Week 1' });
  await courses.addUnit(ctx, key, section.key, { title: 'Welcome' });
  await courses.publishCourse(ctx, key, { message: 'First release' });
  const run = await courses.createRun(ctx, key, { code: '2027-intake', pacing: 'self_paced', language: 'en' });
  return { ctx, key, code: run.code };
}

async function seedLearners(handle) {
  await handle.execute(`
    insert into idn_user (name, email)
    select 'Bench learner ' || i, 'learner-' || i || '@bench.example.test'
    from generate_series(1, ${LEARNERS}) as i`);
  return Array.from({ length: LEARNERS }, (_, index) => `learner-${index + 1}@bench.example.test`);
}

const server = await createServerDatabase();
const handle = await openDatabase(server ? { kind: 'postgres', url: server.url } : { kind: 'pglite', dataDir: null });
try {
  await applyMigrations(handle);
  const clock = createFixedClock(new Date());
  const { ctx, key, code } = await prepareCourse(handle.db, clock);
  const seeded = await seconds(() => seedLearners(handle));
  const emails = seeded.result;
  const first = await seconds(() => bulkEnroll(ctx, key, code, emails));
  const again = await seconds(() => bulkEnroll(ctx, key, code, emails));
  const rows = [
    [`seed ${LEARNERS} accounts (SQL)`, seeded.seconds.toFixed(1), '', ''],
    ['bulkEnroll, all new', first.seconds.toFixed(1), first.result.enrolled, first.result.failures.length],
    [
      'bulkEnroll, all already enrolled',
      again.seconds.toFixed(1),
      again.result.alreadyEnrolled,
      again.result.failures.length,
    ],
  ];
  console.log(`Database: ${server ? 'PostgreSQL' : 'PGlite (in memory)'}`);
  console.log(formatTable(['step', 'seconds', 'people', 'failures'], rows));
  const rate = Math.round(LEARNERS / first.seconds);
  console.log(`\n${LEARNERS} addresses enrolled in ${first.seconds.toFixed(1)} s (${rate} per second).`);
} finally {
  await handle.close();
  await server?.drop();
  await loader.unregister();
  clearTimeout(watchdog);
}
