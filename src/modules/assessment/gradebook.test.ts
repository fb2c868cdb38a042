import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { getGradebook, refreshCourseGrade } from './api-grading.ts';
import {
  createGradesWorld,
  setEnrollmentStatusForTest,
  storeQuizScoreForTest,
  type GradesWorld,
} from './grades-test-fixtures.ts';

let handle: DatabaseHandle;
let world: GradesWorld;
let lead: ServiceContext;
const people: Record<string, Awaited<ReturnType<GradesWorld['buildNamedLearner']>>> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createGradesWorld(handle.db);
  lead = world.cast.leadInstructor.ctx;
  for (const name of ['Amina Okafor', 'Bao Chen', 'Carlos Díaz', 'Dana Levi', 'Émile Roux']) {
    people[name] = await world.buildNamedLearner(name, name.startsWith('B') ? 'verified' : 'audit');
  }
  const { hw1, hw2, exam } = world.quizzes;
  const score = async (name: string, quiz: { entityId: number }, points: number, max: number) => {
    await storeQuizScoreForTest(handle.db, people[name]!.learner, quiz, points, max);
  };
  await score('Amina Okafor', hw1, 2, 2);
  await score('Amina Okafor', hw2, 4, 4);
  await score('Amina Okafor', exam, 5, 5);
  await score('Bao Chen', hw1, 1, 2);
  await score('Carlos Díaz', exam, 4, 5);
  for (const person of Object.values(people)) {
    await handle.db.transaction((tx) => refreshCourseGrade(tx, person.learner, new Date('2024-03-02T00:00:00Z')));
  }
  await setEnrollmentStatusForTest(handle.db, people['Émile Roux']!.learner.enrollment.id, 'unenrolled');
});
afterAll(() => handle.close());

const names = (book: Awaited<ReturnType<typeof getGradebook>>) => book.rows.map((row) => row.name);

describe('getGradebook', () => {
  it('lists active learners by name with a score per graded quiz, averages per type and the grade', async () => {
    const book = await getGradebook(lead, world.key, world.run.code);
    expect(names(book)).toEqual(['Amina Okafor', 'Bao Chen', 'Carlos Díaz', 'Dana Levi']);
    expect(book.quizzes.map((quiz) => quiz.title)).toEqual([
      'Homework 1',
      'Homework 2',
      'Homework 3',
      'Final exam',
      'Lab notes',
    ]);
    expect(book.total).toBe(4);
    expect(book.canOverride).toBe(true);
    const amina = book.rows[0]!;
    expect(amina).toMatchObject({
      scores: [2, 4, null, 5, null],
      averages: [1, 1],
      computed: 1,
      grade: 1,
      override: null,
      passed: true,
    });
    expect(book.rows[1]).toMatchObject({ mode: 'verified', scores: [1, null, null, null, null], passed: false });
    // Carlos: Homework 0 (all unattempted), Exam 0.8 → 0.48; Dana has nothing yet.
    expect(book.rows[2]).toMatchObject({ computed: 0.48, averages: [0, 0.8], passed: false });
    expect(book.rows[3]).toMatchObject({ computed: 0, grade: 0, passed: false, passedAt: null });
  });

  it('filters by a piece of name or address, in any case, with LIKE characters taken literally', async () => {
    expect(names(await getGradebook(lead, world.key, world.run.code, { q: 'CHEN' }))).toEqual(['Bao Chen']);
    expect(names(await getGradebook(lead, world.key, world.run.code, { q: 'díaz' }))).toEqual(['Carlos Díaz']);
    expect(names(await getGradebook(lead, world.key, world.run.code, { q: '%' }))).toEqual([]);
    expect(names(await getGradebook(lead, world.key, world.run.code, { q: 'roux' }))).toEqual([]);
  });

  it('filters by pass and shows only the quizzes of one assignment type', async () => {
    expect(names(await getGradebook(lead, world.key, world.run.code, { status: 'passed' }))).toEqual(['Amina Okafor']);
    const notPassed = await getGradebook(lead, world.key, world.run.code, { status: 'not_passed' });
    expect(names(notPassed)).toEqual(['Bao Chen', 'Carlos Díaz', 'Dana Levi']);
    const exams = await getGradebook(lead, world.key, world.run.code, { assignmentType: 'exam' });
    expect(exams.quizzes.map((quiz) => quiz.title)).toEqual(['Final exam']);
    expect(exams.rows[0]!.scores).toEqual([5]);
    expect(exams.filter).toEqual({ q: '', status: null, assignmentType: 'exam' });
  });

  it('pages the learners and counts them on every page', async () => {
    const first = await getGradebook(lead, world.key, world.run.code, { pageSize: 3 });
    const second = await getGradebook(lead, world.key, world.run.code, { pageSize: 3, page: 2 });
    const beyond = await getGradebook(lead, world.key, world.run.code, { pageSize: 3, page: 9 });
    expect([names(first), names(second), names(beyond)]).toEqual([
      ['Amina Okafor', 'Bao Chen', 'Carlos Díaz'],
      ['Dana Levi'],
      [],
    ]);
    expect([first.total, second.total, beyond.total]).toEqual([4, 4, 4]);
    expect(first.pageCount).toBe(2);
  });

  it('refuses filters it cannot read', async () => {
    await expect(getGradebook(lead, world.key, world.run.code, { page: 0 })).rejects.toMatchObject({
      code: 'gradebook.invalid_filter',
    });
    await expect(getGradebook(lead, world.key, world.run.code, { status: 'maybe' as 'passed' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(getGradebook(lead, world.key, world.run.code, { q: 'a\u0000b' })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('is for the teaching team and the owners’ admins, not authors, learners or strangers', async () => {
    const { cast } = world;
    const allowed = [cast.leadInstructor, cast.instructor, cast.teachingAssistant, cast.ownerAdmin, cast.partnerAdmin];
    for (const person of allowed) {
      const book = await getGradebook(person.ctx, world.key, world.run.code);
      expect(book.total).toBe(4);
    }
    expect((await getGradebook(cast.ownerAdmin.ctx, world.key, world.run.code)).canOverride).toBe(false);
    for (const person of [cast.author, cast.otherAdmin, cast.learner, people['Amina Okafor']!]) {
      await expect(getGradebook(person.ctx, world.key, world.run.code)).rejects.toMatchObject({ kind: 'forbidden' });
    }
    await expect(getGradebook(cast.anonymous, world.key, world.run.code)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(getGradebook(lead, world.key, 'NOPE')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
