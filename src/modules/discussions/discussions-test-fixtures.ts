import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { ErrorKind } from '../../platform/errors/index.ts';
import { createRun, type CourseRun } from '../courses/index.ts';
import { createCoursewareWorld, unenrollForCoursewareTest } from '../courseware/courseware-test-fixtures.ts';
import { updateCurrentProfile } from '../identity/index.ts';
import { listForumTopics } from './topics.ts';
import { getThread } from './threads-read.ts';
import { createReply, createThread } from './posts-write.ts';
import { configureForumLimits } from './rate-limits.ts';
import { setMemberStanding } from './members.ts';

/*
 * A run's forum and everyone whose place in it matters: the courseware world (a published course
 * with two sections and the runs SP, LATER and PAST) with learners of SP, a community TA, the
 * course staff, and people the forum must not exist for. Posting limits are off here, as in the
 * app's test config; the rate-limit tests turn them on themselves.
 */

export type Person = { user: { id: string; email: string; name: string }; ctx: ServiceContext };

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Rejects with a domain error of this kind and code. */
export async function expectDomainError(promise: Promise<unknown>, kind: ErrorKind, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'DomainError', kind, code });
}

export type DiscussionsWorld = Awaited<ReturnType<typeof createDiscussionsWorld>>;

export async function createDiscussionsWorld(db: Database) {
  configureForumLimits({ enabled: false });
  const base = await createCoursewareWorld(db);
  const { helpers, cast, key, runs } = base;
  const { clock } = helpers;
  const run = runs.selfPaced;
  const code = run.code;

  /** A new account enrolled in `target` (SP unless told), with a profile country and locale when given. */
  async function newLearner(
    options: { country?: string; locale?: 'en' | 'zh-Hans' | 'ar'; run?: CourseRun } = {},
  ): Promise<Person> {
    const person = await helpers.buildLearner();
    if (options.country !== undefined || options.locale !== undefined) {
      await updateCurrentProfile(person.ctx, {
        ...(options.country === undefined ? {} : { country: options.country }),
        ...(options.locale === undefined ? {} : { locale: options.locale }),
      });
    }
    await base.enroll(person, options.run ?? run);
    return person;
  }

  await base.enroll(cast.learner, run);
  const classmate = await newLearner();
  const communityTa = await newLearner();
  await setMemberStanding(cast.leadInstructor.ctx, key, code, { userId: communityTa.user.id, communityTa: true });
  const otherRun = await newLearner({ run: runs.later });
  const stranger = await helpers.buildLearner();
  const leaver = await helpers.buildLearner();
  await unenrollForCoursewareTest(db, await base.enroll(leaver, run));
  const secretariatUser = await helpers.buildUser({ secretariat: true });
  const secretariat: Person = { user: secretariatUser, ctx: await helpers.contextFor(secretariatUser.id, true) };

  const people = {
    learner: cast.learner,
    classmate,
    communityTa,
    lead: cast.leadInstructor,
    instructor: cast.instructor,
    assistant: cast.teachingAssistant,
    ownerAdmin: cast.ownerAdmin,
    author: cast.author,
    otherAdmin: cast.otherAdmin,
    otherRun,
    stranger,
    leaver,
    secretariat,
  };

  const topicKeys = (await listForumTopics(db, run)).map((topic) => topic.key);
  const sections = topicKeys.filter((topicKey) => topicKey.startsWith('section:'));
  const topics = { general: 'general', week1: sections[0]!, week2: sections[1]! };

  /** Starts a thread in SP (general discussion unless told) and returns its id and opening post's id. */
  async function startThread(
    person: Person,
    input: { title?: string; body?: string; kind?: 'question' | 'discussion'; topic?: string; circleId?: number } = {},
  ): Promise<{ threadId: number; openingId: number }> {
    const { threadId } = await createThread(person.ctx, key, code, {
      title: input.title ?? 'A question about the readings',
      body: input.body ?? 'What did everyone make of the first week?',
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.topic ? { topic: input.topic } : {}),
      ...(input.circleId === undefined ? {} : { circleId: input.circleId }),
    });
    const thread = await getThread(person.ctx, key, code, threadId);
    return { threadId, openingId: thread.opening.id };
  }

  /** A reply (or, with `parentId`, a comment) in SP; returns the new post's id. */
  async function reply(person: Person, threadId: number, body = 'Here is what I think.', parentId?: number) {
    const result = await createReply(person.ctx, key, code, threadId, {
      body,
      ...(parentId === undefined ? {} : { parentId }),
    });
    return result.postId;
  }

  /** Staff create another run of the course, for tests that need a forum of their own. */
  async function newRun(runCode: string): Promise<CourseRun> {
    return createRun(cast.leadInstructor.ctx, key, { code: runCode, pacing: 'self_paced', language: 'en' });
  }

  /** Makes an account as old as `days`, so the posting limits treat it as established. */
  async function ageAccount(userId: string, days: number): Promise<void> {
    // Straight SQL: the account's age belongs to identity, which has no service to rewrite it.
    const createdAt = new Date(clock.now().getTime() - days * DAY_MS).toISOString();
    await db.execute(sql`update idn_user set created_at = ${createdAt}::timestamptz where id = ${userId}::uuid`);
  }

  return {
    ...base,
    db,
    clock,
    run,
    code,
    people,
    anonymous: cast.anonymous,
    topics,
    newLearner,
    startThread,
    reply,
    newRun,
    ageAccount,
  };
}
