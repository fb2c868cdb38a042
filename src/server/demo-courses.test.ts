import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import {
  QUESTION_KINDS,
  getCourseByKey,
  getMediaForDownload,
  getPublishedTree,
  listCourseRuns,
  listTeam,
  quizBlockSchema,
  type Block,
  type CourseTree,
} from '../modules/courses/index.ts';
import { COURSE_PASSED_TOPIC, getQuizForLearner } from '../modules/assessment/index.ts';
import { getCredential, listMyCredentials, verifyPresentedCredential } from '../modules/credentials/index.ts';
import { getCourseOutline } from '../modules/courseware/index.ts';
import { getMyStudyCircle, getThread, listThreads } from '../modules/discussions/index.ts';
import { listMyEnrollments } from '../modules/enrollment/index.ts';
import { loadConfig } from '../platform/config/index.ts';
import type { DatabaseHandle } from '../platform/db/index.ts';
import { createLocalStorage, type ObjectStorage } from '../platform/storage/index.ts';
import { contextForDemoAccount } from './demo-courses/accounts.ts';
import { DEMO_FORUM_LEARNERS } from './demo-courses/forum.ts';
import { DEMO_GRADUATE } from './demo-courses/learning.ts';
import { startLearningWorkers } from './learning-workers.ts';
import { listOutboxEvents } from '../platform/outbox/index.ts';
import { DEMO_COURSES, seedDemoCourses } from './demo-courses/index.ts';
import { seedDemoIfEmpty } from './demo.ts';
import { openPlatform, type RunningPlatform } from './platform.ts';

let database: DatabaseHandle;
let platform: RunningPlatform;
let storageDir: string;
let storage: ObjectStorage;
const trees = new Map<string, CourseTree>();

/* Built here rather than with the test app's helper: these tests need no routes. */
const config = loadConfig({
  NODE_ENV: 'test',
  ORBIS_BASE_URL: 'http://localhost:3000',
  ORBIS_SECRET: 'test-secret-test-secret-test-secret-0000',
  ORBIS_DEMO: 'false',
  ORBIS_LOG_LEVEL: 'silent',
});

function blocksOf(tree: CourseTree): Block[] {
  return tree.sections.flatMap((section) => section.units.flatMap((unit) => unit.blocks.map((entry) => entry.block)));
}

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'orbis-demo-courses-'));
  storage = createLocalStorage(storageDir);
  database = await createTestDatabase();
  platform = await openPlatform(config, { database, migrate: false, dispatchMail: false, storage });
  await seedDemoIfEmpty(platform);
}, 60_000);
afterAll(async () => {
  await platform.close();
  await database.close();
  await rm(storageDir, { recursive: true, force: true });
});

describe('demo courses', () => {
  it('seeds the three courses once, however often it runs', async () => {
    const deps = { db: platform.db, clock: platform.clock, storage };
    // The demo seeding may already have created them; either way a second run adds nothing.
    const first = await seedDemoCourses(deps);
    expect([[], DEMO_COURSES.map((course) => course.key)]).toContainEqual(first);
    expect(await seedDemoCourses(deps)).toEqual([]);
    for (const demo of DEMO_COURSES) {
      const tree = await getPublishedTree(platform.db, demo.key);
      expect(tree, demo.key).not.toBeNull();
      trees.set(demo.key, tree!);
      const course = (await getCourseByKey(platform.db, demo.key))!;
      const runs = await listCourseRuns(platform.db, course.id);
      expect(runs.map((run) => run.code)).toEqual(demo.runs.map((run) => run.code));
      for (const run of runs) expect(run.releaseId).toBe(course.latestReleaseId);
    }
  }, 120_000);

  it('has the joint course owned by Tsinghua and Nairobi and taught by both', async () => {
    const course = (await getCourseByKey(platform.db, 'climate-data-cities'))!;
    expect(course.owners.map((owner) => [owner.key, owner.role])).toEqual([
      ['tsinghua', 'lead'],
      ['nairobi', 'partner'],
    ]);
    const ctx = await contextForDemoAccount(platform.db, platform.clock, 'instructor@demo.orbis.test');
    const team = await listTeam(ctx, 'climate-data-cities');
    expect(team.map((member) => [member.email, member.role]).sort()).toEqual([
      ['instructor.nairobi@demo.orbis.test', 'instructor'],
      ['instructor@demo.orbis.test', 'lead_instructor'],
    ]);
    const runs = await listCourseRuns(platform.db, course.id);
    expect(runs[0]).toMatchObject({ pacing: 'scheduled', certificatePolicy: 'free_on_pass', language: 'en' });
    expect(runs[0]!.startsAt?.getUTCFullYear()).toBe(2027);
  });

  it('publishes a video with a poster and English and Chinese captions that anyone may download', async () => {
    const videos = blocksOf(trees.get('climate-data-cities')!).filter((block) => block.type === 'video');
    expect(videos).toHaveLength(1);
    const video = videos[0]!;
    expect(video.source.kind).toBe('upload');
    expect(video.captions.map((caption) => caption.language)).toEqual(['en', 'zh-Hans']);
    const anonymous = { db: platform.db, clock: platform.clock, actor: null };
    const ids = [
      ...(video.source.kind === 'upload' ? [video.source.mediaId] : []),
      ...video.captions.map((caption) => caption.mediaId),
      video.posterMediaId!,
    ];
    const assets = await Promise.all(ids.map((id) => getMediaForDownload(anonymous, id)));
    expect(assets.every((entry) => entry.isPublic)).toBe(true);
    expect(assets.map((entry) => entry.asset.contentType)).toEqual(['video/mp4', 'text/vtt', 'text/vtt', 'image/webp']);
    expect(await storage.head(assets[0]!.asset.storageKey)).toMatchObject({ size: assets[0]!.asset.byteSize });
    expect(assets[0]!.asset.byteSize).toBeLessThanOrEqual(300 * 1024);
  });

  it('gives every course 2–4 sections, text, a link and quizzes that parse', () => {
    const kinds = new Set<string>();
    for (const [key, tree] of trees) {
      expect(tree.sections.length, key).toBeGreaterThanOrEqual(2);
      expect(tree.sections.length, key).toBeLessThanOrEqual(4);
      const blocks = blocksOf(tree);
      expect(
        blocks.some((block) => block.type === 'text' && block.body.includes('|---|')),
        key,
      ).toBe(true);
      expect(
        blocks.some((block) => block.type === 'link'),
        key,
      ).toBe(true);
      const quizzes = blocks.filter((block) => block.type === 'quiz');
      expect(quizzes.length, key).toBeGreaterThan(0);
      for (const quiz of quizzes) {
        expect(quizBlockSchema.safeParse(quiz).success, `${key}: ${quiz.title}`).toBe(true);
        quiz.questions.forEach((question) => kinds.add(question.kind));
      }
    }
    expect([...kinds].sort()).toEqual([...QUESTION_KINDS].sort());
  });

  it('describes the Chinese course in Chinese, with an English title', () => {
    const metadata = trees.get('ai-introduction')!.metadata;
    expect(metadata.title['zh-Hans']).toBe('人工智能导论');
    expect(metadata.title.en).toBe('Introduction to Artificial Intelligence');
    expect(metadata.languages).toEqual(['zh-Hans']);
    expect(trees.get('climate-data-cities')!.metadata.title['zh-Hans']).toBeTruthy();
  });

  it('offers the Politecnico course as a self-paced run', async () => {
    const course = (await getCourseByKey(platform.db, 'circular-design'))!;
    expect(course.owners.map((owner) => owner.key)).toEqual(['polimi']);
    const [run] = await listCourseRuns(platform.db, course.id);
    expect(run).toMatchObject({ code: 'self-paced', pacing: 'self_paced', startsAt: null });
  });

  it('places a discussion with a fixed key in Circular Design, so its forum topic is block:discuss-materials', () => {
    const tree = trees.get('circular-design')!;
    const unit = tree.sections[1]!.units.find((candidate) => candidate.title === 'Longevity and disassembly')!;
    const discussion = unit.blocks.find((block) => block.key === 'discuss-materials');
    expect(discussion?.block).toMatchObject({ type: 'discussion', title: 'Discuss: materials where you live' });
    expect(discussion?.block.type === 'discussion' && discussion.block.prompt).toContain('reused or repaired');
  });

  it('has the demo learner part way through Circular Design, with a practice attempt marked', async () => {
    const ctx = await contextForDemoAccount(platform.db, platform.clock, 'learner@demo.orbis.test');
    const [entry] = await listMyEnrollments(ctx);
    expect(entry).toMatchObject({ course: { key: 'circular-design' }, run: { code: 'self-paced' } });
    const outline = await getCourseOutline(ctx, 'circular-design', 'self-paced');
    expect(outline.progress.completedBlocks).toBeGreaterThanOrEqual(3);
    const tree = (await getPublishedTree(platform.db, 'circular-design'))!;
    const practice = tree.sections[0]!.units[1]!.blocks.find((block) => block.block.type === 'quiz')!;
    const quiz = await getQuizForLearner(ctx, 'circular-design', 'self-paced', practice.key);
    expect(quiz.attempts).toHaveLength(1);
    expect(quiz.attempts[0]).toMatchObject({ score: 1 });
  });

  it('has a demo graduate who passed Circular Design, whose certificate the worker issues and anyone can verify', async () => {
    const ctx = await contextForDemoAccount(platform.db, platform.clock, DEMO_GRADUATE.email);
    const events = await listOutboxEvents(platform.db, { topic: COURSE_PASSED_TOPIC });
    expect(events.filter((event) => event.payload.userId === ctx.actor!.userId)).toHaveLength(1);
    const workers = startLearningWorkers(platform.db, {
      clock: platform.clock,
      logger: platform.logger,
      intervalMs: 60_000,
    });
    try {
      await workers.flush();
    } finally {
      await workers.stop();
    }
    const [credential] = await listMyCredentials(ctx);
    expect(credential).toMatchObject({ kind: 'course', title: 'Circular Design: Products for a Circular Economy' });
    const stored = await getCredential(ctx, credential!.uuid);
    const report = await verifyPresentedCredential(platform.db, stored.jwt, platform.clock.now());
    expect(report.verdict).toBe('verified');
  });

  it('has a lived-in Circular Design forum: a pinned welcome, posts in four languages, an answered question, a circle', async () => {
    const ctx = await contextForDemoAccount(platform.db, platform.clock, 'learner@demo.orbis.test');
    const page = await listThreads(ctx, 'circular-design', 'self-paced');
    expect(page.threads[0]).toMatchObject({ title: 'Welcome! Introduce yourself', pinned: true });
    expect(page.threads.map((thread) => thread.topic)).toContain('block:discuss-materials');
    const welcome = await getThread(ctx, 'circular-design', 'self-paced', page.threads[0]!.id);
    expect(new Set(welcome.replies.map((reply) => reply.language))).toEqual(new Set(['en', 'zh-Hans', 'ar']));
    expect(new Set(welcome.replies.map((reply) => reply.author.country))).toEqual(new Set(['KE', 'CN', 'EG']));
    const question = page.threads.find((thread) => thread.kind === 'question')!;
    expect(question.answered).toBe(true);
    const somchai = await contextForDemoAccount(platform.db, platform.clock, DEMO_FORUM_LEARNERS[1].email);
    const mine = await getMyStudyCircle(somchai, 'circular-design', 'self-paced');
    expect(mine.circle).toMatchObject({ language: 'en' });
    expect(mine.circle!.members.length).toBeGreaterThanOrEqual(3);
    expect(mine.circle!.countries).toBe(mine.circle!.members.length);
  });
});
