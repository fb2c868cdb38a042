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
  type TreeUnit,
} from '../courses/index.ts';
import type { CourseCast, CourseTestHelpers } from '../courses/test-helpers.ts';
import { toEnrollment } from './core.ts';
import type { Enrollment, EnrollmentStatus } from './model.ts';
import { enrEnrollment } from './schema.ts';

/*
 * Data export tests: a published course with a text block, a video and quizzes under each reveal
 * policy, one self-paced run, and enrollments written straight into the table, so the export is
 * tested apart from the enrollment services.
 */

export type ExportCourse = {
  cast: CourseCast;
  run: CourseRun;
  unit: TreeUnit;
  text: TreeBlock;
  video: TreeBlock;
  quizzes: { immediately: TreeBlock; afterDue: TreeBlock; never: TreeBlock };
};

function quiz(title: string, reveal: 'immediately' | 'after_due' | 'never', dueAfterDays: number | null): BlockInput {
  return {
    type: 'quiz',
    title,
    reveal,
    dueAfterDays,
    attemptsAllowed: null,
    questions: [
      {
        id: 'q1',
        kind: 'single_choice',
        prompt: 'Which record is older?',
        choices: [
          { id: 'a', text: 'The ice core', correct: true },
          { id: 'b', text: 'The tide gauge', correct: false },
        ],
      },
      { id: 'q2', kind: 'short_text', prompt: 'Name the gas.', acceptedAnswers: ['CO2'] },
    ],
  };
}

export async function publishExportCourse(
  helpers: CourseTestHelpers,
  options: { title?: string; runCode?: string } = {},
): Promise<ExportCourse> {
  const cast = await helpers.buildCourseWithTeam({
    metadata: { title: { en: options.title ?? 'Climate Data 101', ar: 'بيانات المناخ' }, languages: ['en'] },
  });
  const lead = cast.leadInstructor.ctx;
  const key = cast.course.key;
  const section = await addSection(lead, key, { title: 'Week 1' });
  const unit = await addUnit(lead, key, section.key, { title: 'Records' });
  const text = await addBlock(lead, key, unit.key, { type: 'text', title: 'Welcome', body: 'Hello.' });
  const video = await addBlock(lead, key, unit.key, {
    type: 'video',
    title: 'A tour of the data',
    source: { kind: 'url', url: 'https://video.example/tour.mp4' },
  });
  const immediately = await addBlock(lead, key, unit.key, quiz('Check-in', 'immediately', null));
  const afterDue = await addBlock(lead, key, unit.key, quiz('Weekly quiz', 'after_due', 7));
  const never = await addBlock(lead, key, unit.key, quiz('Exam', 'never', null));
  await publishCourse(lead, key, { message: 'First release' });
  const run = await createRun(lead, key, {
    code: options.runCode ?? '2027-T1',
    pacing: 'self_paced',
    language: 'en',
  });
  return { cast, run, unit, text, video, quizzes: { immediately, afterDue, never } };
}

/** An enrollment row as the enrollment service would leave it, without its services. */
export async function insertExportEnrollment(
  db: Database,
  run: Pick<CourseRun, 'id' | 'courseId'>,
  userId: string,
  options: { enrolledAt?: Date; status?: EnrollmentStatus } = {},
): Promise<Enrollment> {
  const at = options.enrolledAt ?? new Date('2027-03-01T09:00:00Z');
  const status = options.status ?? 'active';
  const [row] = await db
    .insert(enrEnrollment)
    .values({
      runId: run.id,
      courseId: run.courseId,
      userId,
      status,
      enrolledAt: at,
      unenrolledAt: status === 'unenrolled' ? at : null,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  return toEnrollment(row!);
}
