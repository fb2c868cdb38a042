import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { refreshCourseGrade } from '../assessment/index.ts';
import { storeQuizScoreForTest } from '../assessment/grades-test-fixtures.ts';
import { getCredential, listMyCredentials } from './credentials-store.ts';
import { getInstitutionDidDocument, getPlatformDidDocument } from './issuer-keys.ts';
import { exportClrLearnerRecord, exportPlainLearnerRecord } from './learner-record.ts';
import { claimProgramCredential, createProgram, getProgramProgress } from './programs.ts';
import { createCredentialsWorld, type CredentialsWorld } from './test-credentials-world.ts';
import { verifyIndependently } from './test-independent-verifier.ts';
import { createPlatformKeyResolver, verifyPresentedCredential } from './verify-service.ts';
import { verifyCredential } from './verify-credential.ts';

type Json = Record<string, unknown>;

let handle: DatabaseHandle;
let first: CredentialsWorld;
let second: CredentialsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  first = await createCredentialsWorld(handle.db);
  second = await createCredentialsWorld(handle.db, { helpers: first.helpers });
}, 90_000);
afterAll(() => handle.close());

async function passIn(world: CredentialsWorld, person: Awaited<ReturnType<CredentialsWorld['buildPassedLearner']>>) {
  const learner = await world.enroll({ ctx: person.ctx });
  for (const quiz of Object.values(world.quizzes)) await storeQuizScoreForTest(handle.db, learner, quiz, 5, 5);
  await handle.db.transaction((tx) => refreshCourseGrade(tx, learner, world.helpers.clock.now()));
  await world.issueDueCredentials();
}

function programInput(key: string, overrides: Json = {}) {
  return {
    key,
    title: { en: 'Climate Data Professional', 'zh-Hans': '气候数据专业' },
    leadInstitution: first.cast.lead.key,
    partnerInstitutions: [second.cast.lead.key],
    courses: [first.key, second.key],
    rule: 'all',
    ...overrides,
  };
}

describe('programs', () => {
  it('lets the lead institution’s admins and registrars define a program, nobody else', async () => {
    await expect(createProgram(first.registrar.ctx, programInput('climate-registrar'))).resolves.toMatchObject({
      requiredCount: 2,
    });
    for (const ctx of [first.cast.learner.ctx, first.cast.leadInstructor.ctx, second.cast.ownerAdmin.ctx]) {
      await expect(createProgram(ctx, programInput('climate-denied'))).rejects.toMatchObject({ kind: 'forbidden' });
    }
    await expect(createProgram(first.cast.anonymous, programInput('climate-anon'))).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });

  it('refuses bad programs with a readable reason', async () => {
    const admin = first.cast.ownerAdmin.ctx;
    const cases: Array<[Json, RegExp]> = [
      [{ key: 'Bad Key' }, /key:/],
      [{ courses: [] }, /courses: needs at least one course/],
      [{ courses: ['no-such-course'] }, /no published course/],
      [{ rule: 'any_n' }, /requiredCount: must be given/],
      [{ rule: 'any_n', requiredCount: 3 }, /cannot exceed/],
      [{ partnerInstitutions: [] }, /is not a course of the program's institutions/],
      [{ leadInstitution: 'nowhere' }, /no institution/],
    ];
    for (const [overrides, message] of cases) {
      await expect(createProgram(admin, programInput('climate-bad', overrides))).rejects.toMatchObject({
        kind: 'invalid',
        message: expect.stringMatching(message),
      });
    }
    await createProgram(admin, programInput('climate-twice'));
    await expect(createProgram(admin, programInput('climate-twice'))).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('issues the program credential once every course is passed, citing the course credentials', async () => {
    await createProgram(first.cast.ownerAdmin.ctx, programInput('climate-pro'));
    const person = await first.buildPassedLearner('Chen Jing');
    await first.issueDueCredentials();
    let progress = await getProgramProgress(person.ctx, 'climate-pro');
    expect(progress).toMatchObject({ passed: 1, required: 2, complete: false, credentialUuid: null });
    expect(progress.courses.map((course) => course.status)).toEqual(['passed', 'not_started']);

    await passIn(second, person);
    progress = await getProgramProgress(person.ctx, 'climate-pro');
    expect(progress).toMatchObject({ passed: 2, complete: true, credentialUuid: expect.any(String) });
    const mine = await listMyCredentials(person.ctx);
    // Every program of these two courses is complete: the three defined above.
    expect(mine.map((entry) => entry.kind).sort()).toEqual(['course', 'course', 'program', 'program', 'program']);

    const program = await getCredential(person.ctx, progress.credentialUuid!);
    const achievement = (program.document.credentialSubject as Json).achievement as Json;
    expect(achievement.achievementType).toBe('MicroCredential');
    expect((program.document.evidence as Json[]).map((entry) => entry.name)).toHaveLength(2);
    const report = await verifyPresentedCredential(handle.db, program.document, first.helpers.clock.now());
    expect(report.verdict).toBe('verified');
    expect(await claimProgramCredential(person.ctx, 'climate-pro')).toBe(progress.credentialUuid);
  });

  it('exports the learner record as a CLR 2.0 credential signed by the platform, and as plain JSON', async () => {
    const person = await first.buildPassedLearner('Fatima Zahra');
    await first.issueDueCredentials();
    const plain = await exportPlainLearnerRecord(person.ctx);
    expect(plain.credentials).toHaveLength(1);
    expect(plain.learner.name).toBe('Fatima Zahra');

    const clr = await exportClrLearnerRecord(person.ctx);
    expect(clr.credential.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    const subject = clr.credential.credentialSubject as Json;
    expect(subject.verifiableCredential as Json[]).toHaveLength(1);
    const ours = await verifyCredential(clr.credential, {
      resolveKey: createPlatformKeyResolver(handle.db),
      now: first.helpers.clock.now(),
    });
    expect(ours.ok).toBe(true);
    const platform = await getPlatformDidDocument(handle.db);
    const lead = await getInstitutionDidDocument(handle.db, first.cast.lead.key);
    const partner = await getInstitutionDidDocument(handle.db, first.cast.partner.key);
    const independent = await verifyIndependently(
      clr.credential,
      [platform!, lead!, partner!],
      [],
      first.helpers.clock.now(),
    );
    expect(independent.error ?? null).toBeNull();
    expect(independent.verified).toBe(true);
    await expect(exportClrLearnerRecord(first.cast.anonymous)).rejects.toMatchObject({ kind: 'unauthenticated' });
  });
});
