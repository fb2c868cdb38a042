import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import { DEFAULT_HOT_PATH_TTL_MS, configureHotPathCaches } from '../../platform/cache/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listRunStatementsUnchecked } from '../records/index.ts';
import { DAY, createEnrollmentWorld, type EnrollmentWorld } from './enrollment-test-fixtures.ts';
import {
  bulkEnroll,
  countActiveLearners,
  enrollInRun,
  listRunLearners,
  readEmailText,
  requireLearnerRun,
  unenrollFromRun,
  MAX_BULK_EMAILS,
} from './index.ts';

let handle: DatabaseHandle;
let world: EnrollmentWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createEnrollmentWorld(handle.db);
});
afterAll(() => handle.close());

describe('bulk enrollment', () => {
  it('reports every address: enrolled, already enrolled, invalid, unknown, repeated', async () => {
    const run = await world.openRun();
    const [a, b, c] = await world.insertAccounts('mixed', 3);
    const enrolled = await world.learner();
    await enrollInRun(enrolled.ctx, world.key, run.code);
    const report = await bulkEnroll(world.cast.leadInstructor.ctx, world.key, run.code, [
      a!,
      `  ${b!.toUpperCase()} `,
      'not-an-address',
      'nobody@nowhere.example.test',
      a!,
      '',
      enrolled.user.email,
      c!,
      'two@@example.test',
    ]);
    expect(report).toEqual({
      received: 9,
      distinct: 7,
      enrolled: 3,
      alreadyEnrolled: 1,
      failures: [
        { email: 'not-an-address', reason: 'invalid_email' },
        { email: 'nobody@nowhere.example.test', reason: 'no_account' },
        { email: 'two@@example.test', reason: 'invalid_email' },
      ],
    });
    const page = await listRunLearners(world.cast.leadInstructor.ctx, world.key, run.code, { status: 'active' });
    expect(page.counts.active).toBe(4);
    expect(
      page.items
        .filter((item) => item.enrollment.source === 'staff')
        .map((item) => item.email)
        .sort(),
    ).toEqual([a, b, c].sort());
    expect((await countActiveLearners(handle.db, [run.id])).get(run.id)).toBe(4);
  });

  it('writes a registered statement per enrolled person and one audit entry with the counts', async () => {
    const run = await world.openRun();
    const emails = await world.insertAccounts('recorded', 4);
    await bulkEnroll(world.cast.instructor.ctx, world.key, run.code, [...emails, 'missing@example.test']);
    const { statements } = await listRunStatementsUnchecked(handle.db, run.id);
    expect(statements.map((statement) => statement.verb.display['en-US'])).toEqual(Array(4).fill('registered'));
    expect(new Set(statements.map((statement) => statement.context.registration)).size).toBe(4);
    const [audit] = await listAuditEvents(handle.db, { action: 'enrollment.bulk', objectId: run.uuid });
    expect(audit).toMatchObject({
      actorId: world.cast.instructor.user.id,
      institutionId: world.cast.course.leadInstitutionId,
      after: {
        runCode: run.code,
        received: 5,
        enrolled: 4,
        alreadyEnrolled: 0,
        failures: { invalid_email: 0, no_account: 1, run_full: 0 },
      },
    });
  });

  it('fills the free seats in list order and reports the rest as run full', async () => {
    const run = await world.openRun({ capacity: 3 });
    await enrollInRun((await world.learner()).ctx, world.key, run.code);
    const emails = await world.insertAccounts('crowded', 4);
    const report = await bulkEnroll(world.cast.ownerAdmin.ctx, world.key, run.code, emails);
    expect(report.enrolled).toBe(2);
    expect(report.failures).toEqual([
      { email: emails[2], reason: 'run_full' },
      { email: emails[3], reason: 'run_full' },
    ]);
    expect((await countActiveLearners(handle.db, [run.id])).get(run.id)).toBe(3);
  });

  it('brings back people who had left on their own enrollment, and ignores the window', async () => {
    const now = world.clock.now().getTime();
    const run = await world.openRun({ enrollmentClosesAt: new Date(now + DAY) });
    const returning = await world.learner();
    const first = await enrollInRun(returning.ctx, world.key, run.code);
    await unenrollFromRun(returning.ctx, world.key, run.code);
    world.clock.advance(5 * DAY);
    const report = await bulkEnroll(world.cast.leadInstructor.ctx, world.key, run.code, [returning.user.email]);
    expect(report).toMatchObject({ enrolled: 1, failures: [] });
    const page = await listRunLearners(world.cast.leadInstructor.ctx, world.key, run.code);
    expect(page.items[0]!.enrollment).toMatchObject({
      uuid: first.uuid,
      status: 'active',
      source: 'staff',
      enrolledAt: first.enrolledAt,
    });
  });

  it('lets people it brings back open the run at once, though their having left was read before', async () => {
    let cacheNow = Date.now();
    configureHotPathCaches({ ttlMs: 10_000, now: () => cacheNow });
    try {
      const run = await world.openRun();
      const returning = await world.learner();
      await enrollInRun(returning.ctx, world.key, run.code);
      await unenrollFromRun(returning.ctx, world.key, run.code);
      // Past the settling after the change: the left enrollment is read and kept.
      cacheNow += 3_000;
      await expect(requireLearnerRun(returning.ctx, world.key, run.code)).rejects.toMatchObject({
        code: 'enrollment.required',
      });
      await bulkEnroll(world.cast.leadInstructor.ctx, world.key, run.code, [returning.user.email]);
      cacheNow += 3_000;
      const learner = await requireLearnerRun(returning.ctx, world.key, run.code);
      expect(learner.enrollment.status).toBe('active');
    } finally {
      configureHotPathCaches({ ttlMs: DEFAULT_HOT_PATH_TTL_MS, now: Date.now });
    }
  });

  it('is for staff who may enroll learners', async () => {
    const run = await world.openRun();
    const { cast } = world;
    for (const person of [cast.teachingAssistant, cast.author, cast.otherAdmin, cast.learner]) {
      await expect(bulkEnroll(person.ctx, world.key, run.code, ['a@example.test'])).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    await expect(bulkEnroll(cast.anonymous, world.key, run.code, [])).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(bulkEnroll(cast.leadInstructor.ctx, world.key, 'no-such-run', [])).rejects.toMatchObject({
      kind: 'not_found',
    });
    const tooMany = Array.from({ length: MAX_BULK_EMAILS + 1 }, (_, index) => `p${index}@example.test`);
    await expect(bulkEnroll(cast.leadInstructor.ctx, world.key, run.code, tooMany)).rejects.toMatchObject({
      code: 'enrollment.too_many',
    });
  });

  it('handles thousands of addresses across several rounds', async () => {
    const run = await world.openRun();
    const emails = await world.insertAccounts('many', 12_000);
    const started = Date.now();
    const report = await bulkEnroll(world.cast.leadInstructor.ctx, world.key, run.code, emails);
    expect(report).toMatchObject({ enrolled: 12_000, failures: [] });
    expect(Date.now() - started).toBeLessThan(30_000);
    const again = await bulkEnroll(world.cast.leadInstructor.ctx, world.key, run.code, emails.slice(0, 6_000));
    expect(again).toMatchObject({ enrolled: 0, alreadyEnrolled: 6_000 });
  });
});

describe('reading address lists', () => {
  it('takes every piece of pasted text, so a mistyped address is reported', () => {
    expect(readEmailText('a@example.test, b@example.test; c@example.test\n\n d@example.test oops ')).toEqual([
      'a@example.test',
      'b@example.test',
      'c@example.test',
      'd@example.test',
      'oops',
    ]);
    expect(readEmailText('Jane Doe <jane@example.test>\tx@example.test')).toEqual([
      'jane@example.test',
      'x@example.test',
    ]);
  });

  it('takes addresses from CSV files, skipping a header and other columns', () => {
    const csv = '\uFEFFname,email\r\n"Doe, Jane",jane@example.test\r\nAli,"ali@example.test"\r\nno address here\r\n';
    expect(readEmailText(csv, 'csv')).toEqual(['jane@example.test', 'ali@example.test', 'no address here']);
  });
});
