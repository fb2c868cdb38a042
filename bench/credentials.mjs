// Issuing and verifying credentials: seeds BENCH_CREDENTIALS passes (default 1,000) of a joint
// course whose run grants certificates (`course.passed` events in the outbox, as a pass writes
// them), then times BENCH_CONCURRENCY consumers (default 4) issuing them — an OpenBadgeCredential
// each with a Data Integrity eddsa-rdfc-2022 proof, a VC-JWT, a partner's signed endorsement and a
// status list entry, written in the event's transaction — and then verification of every issued
// credential through the platform verifier, as a JWT and as JSON, with the same concurrency.
// Measurements, not tests: it prints credentials per second and never fails on a figure.
// Usage: node bench/credentials.mjs                  (PGlite in a temporary directory)
//        BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/credentials.mjs
import { performance } from 'node:perf_hooks';
import { clearTimeout } from 'node:timers';
import { register } from 'tsx/esm/api';
import { openBenchDatabase, seedGradedCourse, seedLearners } from './grades-recompute.mjs';
import { envNumber, formatTable, startWatchdog } from './lib.mjs';

register();
const { sql } = await import('drizzle-orm');
const { systemClock } = await import('../src/platform/clock/index.ts');
const { SYSTEM_ACTOR } = await import('../src/platform/access/index.ts');
const { consumeOutboxEvents } = await import('../src/platform/outbox/index.ts');
const { createInstitution } = await import('../src/modules/institutions/index.ts');
const credentials = await import('../src/modules/credentials/index.ts');

const BASE_URL = 'https://orbis.bench';

async function seedPasses(db, total) {
  const seeded = await seedGradedCourse(db, 1);
  await seedLearners(db, seeded, total, 'cred');
  const system = { db, clock: systemClock, actor: SYSTEM_ACTOR };
  const partner = await createInstitution(system, {
    key: 'bench-partner',
    name: { en: 'Bench Partner Polytechnic' },
    country: 'IT',
    type: 'university',
    membershipStatus: 'member',
  });
  const [run] = seeded.runs;
  await db.execute(sql`update crs_run set certificate_policy = 'free_on_pass' where id = ${run.id}`);
  await db.execute(sql`insert into crs_owner (course_id, institution_id, role, position, added_at)
    values (${run.courseId}, ${partner.id}, 'partner', 1, now())`);
  await db.execute(sql`
    insert into evt_outbox (topic, dedupe_key, payload, created_at, next_attempt_at)
    select 'course.passed', 'course.passed:' || e.uuid,
      jsonb_build_object('enrollmentUuid', e.uuid, 'userId', e.user_id, 'runId', e.run_id, 'courseId', e.course_id,
        'grade', 0.95, 'passedAt', now()),
      now(), now()
    from enr_enrollment e where e.run_id = ${run.id}`);
}

async function issueAll(db, concurrency) {
  let issued = 0;
  const worker = async () => {
    for (;;) {
      const handled = await consumeOutboxEvents(
        db,
        'course.passed',
        () => new Date(),
        async (tx, event) => {
          const outcome = await credentials.handleCoursePassedEvent(tx, event.payload, new Date());
          if (outcome.status === 'issued') issued += 1;
        },
        20,
      );
      if (handled === 0) return;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return issued;
}

async function verifyAll(db, inputs, concurrency) {
  let next = 0;
  const verdicts = new Map();
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++];
      const report = await credentials.verifyPresentedCredential(db, input, new Date());
      verdicts.set(report.verdict, (verdicts.get(report.verdict) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return verdicts;
}

async function main() {
  const watchdog = startWatchdog(envNumber('BENCH_TIMEOUT', 900), 'bench/credentials');
  const total = envNumber('BENCH_CREDENTIALS', 1000);
  const concurrency = envNumber('BENCH_CONCURRENCY', 4);
  const { handle, kind, drop } = await openBenchDatabase('credentials');
  credentials.configureCredentials({
    baseUrl: BASE_URL,
    keyEncryptionSecret: 'bench-key-encryption-secret-0123456789',
  });
  try {
    await seedPasses(handle.db, total);
    const rows = [];
    let started = performance.now();
    const issued = await issueAll(handle.db, concurrency);
    let elapsed = (performance.now() - started) / 1000;
    rows.push(['issue (DI + JWT + endorsement)', issued, elapsed.toFixed(1), Math.round(issued / elapsed)]);
    const stored = (await handle.db.execute(sql`select document, jwt from cred_credential`)).rows;
    for (const [label, inputs] of [
      ['verify JWT', stored.map((row) => row.jwt)],
      ['verify JSON (Data Integrity)', stored.map((row) => row.document)],
    ]) {
      started = performance.now();
      const verdicts = await verifyAll(handle.db, inputs, concurrency);
      elapsed = (performance.now() - started) / 1000;
      const ok = verdicts.get('verified') ?? 0;
      rows.push([`${label} (${ok} verified)`, inputs.length, elapsed.toFixed(1), Math.round(inputs.length / elapsed)]);
    }
    console.log(`${kind}, ${concurrency} at a time:`);
    console.log(formatTable(['operation', 'credentials', 'seconds', 'per second'], rows));
  } finally {
    await handle.close();
    await drop();
    clearTimeout(watchdog);
  }
}

await main();
