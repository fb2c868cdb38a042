import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { refreshCourseGrade, streamGradebookCsv, toCsvCell } from './api-grading.ts';
import {
  buildQuiz,
  createGradesWorld,
  seedLearnersForTest,
  storeQuizScoreForTest,
  type GradesWorld,
} from './grades-test-fixtures.ts';

let handle: DatabaseHandle;
let world: GradesWorld;

async function readAll(lines: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of lines) text += chunk;
  return text;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createGradesWorld(handle.db);
});
afterAll(() => handle.close());

describe('toCsvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['  =1+1', "'  =1+1"],
    ['Plain name', 'Plain name'],
    ['Díaz, Carlos', '"Díaz, Carlos"'],
    ['two\nlines', '"two\nlines"'],
    ['say "hi"', '"say ""hi"""'],
    ['مريم', 'مريم'],
  ])('writes %j as %j', (value, expected) => {
    expect(toCsvCell(value)).toBe(expected);
  });

  it('writes numbers with a dot and six decimals at most, and nothing for null', () => {
    expect(toCsvCell(0.3333333333)).toBe('0.333333');
    expect(toCsvCell(1)).toBe('1');
    expect(toCsvCell(null)).toBe('');
  });
});

describe('streamGradebookCsv', () => {
  it('writes a header and one line per active learner, safe to open in a spreadsheet', async () => {
    const hostile = await world.buildNamedLearner('=cmd|" /C calc"!A0', 'verified');
    await storeQuizScoreForTest(handle.db, hostile.learner, world.quizzes.exam, 5, 5);
    await storeQuizScoreForTest(handle.db, hostile.learner, world.quizzes.hw1, 1, 2);
    await handle.db.transaction((tx) => refreshCourseGrade(tx, hostile.learner, new Date('2024-03-02T00:00:00Z')));
    const csv = await streamGradebookCsv(world.cast.teachingAssistant.ctx, world.key, world.run.code);
    expect(csv.fileName).toBe(`gradebook-${world.key}-SP.csv`);
    const lines = (await readAll(csv.lines)).split('\r\n');
    expect(lines[0]).toBe(
      'Learner ID,Name,Email,Enrollment mode,Homework 1,Homework 2,Homework 3,Final exam,Lab notes,Homework average,Exam average,Grade,Override,Passed',
    );
    const line = lines.find((entry) => entry.startsWith(hostile.user.id))!;
    // Homework: 0.5, 0, 0 with the lowest dropped → 0.25; Exam 1 → 0.4·0.25 + 0.6 = 0.7.
    expect(line).toBe(
      `${hostile.user.id},"'=cmd|"" /C calc""!A0",${hostile.user.email},verified,1,,,5,,0.25,1,0.7,,yes`,
    );
    expect(lines.at(-1)).toBe('');
  });

  it('escapes quiz titles and assignment types in the header too', async () => {
    const other = await createGradesWorld(handle.db, {
      helpers: world.helpers,
      quizzes: { evil: buildQuiz('=1+1', { assignmentType: '@Home' }) },
      policy: { assignmentTypes: [{ name: '@Home', weight: 1, dropLowest: 0 }], passMark: 0.5 },
    });
    const csv = await streamGradebookCsv(other.cast.leadInstructor.ctx, other.key, other.run.code);
    const [header] = (await readAll(csv.lines)).split('\r\n');
    expect(header).toContain(",'=1+1,'@Home average,");
  });

  it('streams 20,000 learners in batches without holding them all', async () => {
    const big = await createGradesWorld(handle.db, { helpers: world.helpers });
    await seedLearnersForTest(handle.db, big.run, 20_000, { quiz: big.quizzes.exam, score: 4, maxScore: 5 });
    const started = performance.now();
    const csv = await streamGradebookCsv(big.cast.leadInstructor.ctx, big.key, big.run.code, { batchSize: 2000 });
    let chunks = 0;
    let lines = 0;
    let largestChunk = 0;
    for await (const chunk of csv.lines) {
      chunks += 1;
      largestChunk = Math.max(largestChunk, chunk.length);
      lines += chunk.split('\r\n').length - 1;
    }
    expect(lines).toBe(20_001);
    expect(chunks).toBe(11);
    // A chunk is one batch of 2,000 lines, never the whole file.
    expect(largestChunk).toBeLessThan(2000 * 200);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('checks access before the first line', async () => {
    const { cast } = world;
    await expect(streamGradebookCsv(cast.author.ctx, world.key, world.run.code)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(streamGradebookCsv(cast.learner.ctx, world.key, world.run.code)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(streamGradebookCsv(cast.anonymous, world.key, world.run.code)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(streamGradebookCsv(cast.ownerAdmin.ctx, world.key, world.run.code)).resolves.toBeTruthy();
  });
});
