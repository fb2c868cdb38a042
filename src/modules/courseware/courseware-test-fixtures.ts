import fs from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { ObjectStorage } from '../../platform/storage/index.ts';
import {
  addBlock,
  addSection,
  addUnit,
  createRun,
  publishCourse,
  uploadMedia,
  type BlockInput,
  type CourseRun,
  type TreeBlock,
} from '../courses/index.ts';
import { createCourseTestHelpers, type CourseCast } from '../courses/test-helpers.ts';
import { requireLearnerRun, type LearnerRun } from '../enrollment/index.ts';
import { enrollForTest } from '../enrollment/test-helpers.ts';

/*
 * A published course with every kind of block, three runs (self-paced, scheduled later, ended)
 * and a way to enroll people without the enrollment services' windows and statements.
 */

/** Text no learner may ever receive: the quiz below hides it in every answer-bearing field. */
export const SECRET = {
  feedback: 'SECRET-FEEDBACK-7f3a',
  explanation: 'SECRET-EXPLANATION-9c1d',
  accepted: 'SECRET-ACCEPTED-41be',
  numeric: 424242.5,
} as const;

/** A quiz with one question of each kind, every answer-bearing field marked with SECRET. */
export function buildSecretQuiz(title = 'Check your understanding'): BlockInput {
  const explanation = `${SECRET.explanation} because.`;
  return {
    type: 'quiz',
    title,
    mode: 'graded',
    assignmentType: 'Homework',
    attemptsAllowed: 2,
    questions: [
      {
        id: 'q1',
        kind: 'single_choice',
        prompt: 'Which gas?',
        points: 2,
        explanation,
        choices: [
          { id: 'a', text: 'Carbon dioxide', correct: true, feedback: `${SECRET.feedback} right` },
          { id: 'b', text: 'Argon', correct: false, feedback: `${SECRET.feedback} wrong` },
        ],
      },
      {
        id: 'q2',
        kind: 'multiple_choice',
        prompt: 'Which are cities?',
        points: 1,
        explanation,
        choices: [
          { id: 'a', text: 'Nairobi', correct: true, feedback: `${SECRET.feedback} yes` },
          { id: 'b', text: 'Rhine', correct: false, feedback: `${SECRET.feedback} no` },
        ],
      },
      {
        id: 'q3',
        kind: 'numeric',
        prompt: 'How much?',
        points: 1,
        explanation,
        answer: SECRET.numeric,
        tolerance: 0.5,
      },
      {
        id: 'q4',
        kind: 'short_text',
        prompt: 'Name the river.',
        points: 1,
        explanation,
        acceptedAnswers: [SECRET.accepted],
      },
    ],
  };
}

export type CoursewareWorld = Awaited<ReturnType<typeof createCoursewareWorld>>;

/** Where the demo video's captions and poster live; read as bytes, like an upload. */
const DEMO_MEDIA = path.join(process.cwd(), 'src/server/demo-media');

async function uploadDemoMedia(ctx: ServiceContext, storage: ObjectStorage, key: string) {
  const upload = (purpose: 'captions' | 'poster', filename: string) =>
    uploadMedia(ctx, storage, key, { purpose, filename, bytes: fs.readFileSync(path.join(DEMO_MEDIA, filename)) });
  return {
    poster: await upload('poster', 'welcome-poster.png'),
    english: await upload('captions', 'welcome.en.vtt'),
    chinese: await upload('captions', 'welcome.zh-Hans.vtt'),
  };
}

/**
 * `now` places the runs in time (the helpers' clock by default); with `storage`, the lecture
 * video gets a poster and English and Chinese captions uploaded from the demo media.
 */
export async function createCoursewareWorld(db: Database, options: { now?: Date; storage?: ObjectStorage } = {}) {
  const helpers = createCourseTestHelpers(db);
  const cast: CourseCast = await helpers.buildCourseWithTeam();
  const { ctx } = cast.leadInstructor;
  const key = cast.course.key;
  const file = await helpers.insertMedia(cast.course, 'file', 'notes.pdf');
  const add = (unitKey: string, input: BlockInput): Promise<TreeBlock> => addBlock(ctx, key, unitKey, input);

  const week1 = await addSection(ctx, key, { title: 'Week 1' });
  const welcome = await addUnit(ctx, key, week1.key, { title: 'Welcome' });
  const text = await add(welcome.key, { type: 'text', title: 'Read me', body: 'Hello **learners**.' });
  const link = await add(welcome.key, { type: 'link', title: 'Data portal', url: 'https://example.org/data' });
  const fileBlock = await add(welcome.key, { type: 'file', title: 'Notes', mediaId: file.uuid });
  const media = options.storage ? await uploadDemoMedia(ctx, options.storage, key) : null;
  const video = await add(welcome.key, {
    type: 'video',
    title: 'Lecture',
    source: { kind: 'url', url: 'https://video.example.org/lecture.mp4' },
    durationSeconds: 100,
    downloadable: true,
    ...(media
      ? {
          posterMediaId: media.poster.uuid,
          captions: [
            { language: 'en', label: 'English', mediaId: media.english.uuid },
            { language: 'zh-Hans', label: '中文', mediaId: media.chinese.uuid },
          ],
        }
      : {}),
  });
  const practice = await addUnit(ctx, key, week1.key, { title: 'Practice' });
  const quiz = await add(practice.key, buildSecretQuiz());
  const week2 = await addSection(ctx, key, { title: 'Week 2' });
  const wrapUp = await addUnit(ctx, key, week2.key, { title: 'Wrap-up' });
  const closing = await add(wrapUp.key, { type: 'text', title: 'Goodbye', body: 'See you.' });
  const interview = await add(wrapUp.key, {
    type: 'video',
    title: 'Interview',
    source: { kind: 'url', url: 'https://video.example.org/interview.mp4' },
  });
  const extras = await addUnit(ctx, key, week2.key, { title: 'Extras' });
  await publishCourse(ctx, key, { message: 'First edition' });

  const now = (options.now ?? helpers.clock.now()).getTime();
  const day = 86_400_000;
  const runs = {
    selfPaced: await createRun(ctx, key, { code: 'SP', pacing: 'self_paced', language: 'en' }),
    later: await createRun(ctx, key, {
      code: 'LATER',
      pacing: 'scheduled',
      language: 'en',
      startsAt: new Date(now + 30 * day),
      endsAt: new Date(now + 90 * day),
    }),
    ended: await createRun(ctx, key, {
      code: 'PAST',
      pacing: 'scheduled',
      language: 'en',
      startsAt: new Date(now - 90 * day),
      endsAt: new Date(now - 30 * day),
    }),
  };

  return {
    helpers,
    cast,
    key,
    runs,
    units: { welcome, practice, wrapUp, extras },
    blocks: { text, link, file: fileBlock, video, quiz, closing, interview },
    enroll: (person: { ctx: ServiceContext }, run: CourseRun) => enrollForCoursewareTest(db, person.ctx, key, run),
  };
}

/** An active enrollment (through the enrollment module's test helper), read back as services see it. */
export async function enrollForCoursewareTest(
  db: Database,
  ctx: ServiceContext,
  courseKey: string,
  run: CourseRun,
  at: Date = ctx.clock.now(),
): Promise<LearnerRun> {
  await enrollForTest(db, run, ctx.actor!.userId, { enrolledAt: at });
  return requireLearnerRun(ctx, courseKey, run.code);
}

/** Unenrolls a learner as leaving the run would. */
export async function unenrollForCoursewareTest(db: Database, learner: LearnerRun): Promise<void> {
  await enrollForTest(db, learner.run, learner.enrollment.userId, { status: 'unenrolled' });
}

/** A tree block in the shape markBlockCompleted takes. */
export function toCompletable(block: TreeBlock) {
  return {
    entityId: block.entityId,
    versionId: block.versionId,
    uuid: block.uuid,
    title: block.block.title,
    type: block.block.type,
  };
}
