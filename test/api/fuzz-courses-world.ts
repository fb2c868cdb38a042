import { upsertCatalogEntry } from '../../src/modules/catalog/index.ts';
import {
  acceptTeamInvitation,
  getCourseByKey,
  getPublishedTree,
  listCourseRuns,
  addBlock,
  addSection,
  addUnit,
  createCourse,
  createRun,
  inviteToTeam,
  publishCourse,
  type TeamRole,
} from '../../src/modules/courses/index.ts';
import { addMember, listMembershipsOfUser, type Institution } from '../../src/modules/institutions/index.ts';
import { SYSTEM_ACTOR, type ServiceContext } from '../../src/platform/access/index.ts';
import { createTestUser, signIn, type TestContext } from '../support/app.ts';
import { createApiWorld, createTokenFor, type ApiWorld, type Caller } from './support.ts';

/**
 * The course cast of the API tests: a course led by member A with a whole team, published with
 * one section, unit, block and run, and a second course of member A that was never published.
 */
export type CourseApiWorld = ApiWorld & {
  leadInstructor: Caller;
  instructor: Caller;
  author: Caller;
  assistant: Caller;
  published: { key: string; sectionKey: string; unitKey: string; blockKey: string; runCode: string; releaseId: number };
  unpublishedKey: string;
};

let counter = 0;

export function uniqueCourseKey(prefix = 'course'): string {
  counter += 1;
  return `${prefix}-${counter}-${Date.now().toString(36)}`;
}

/** A service context acting as a caller, with their institution roles as a request would carry them. */
export async function contextOf(ctx: TestContext, caller: Caller): Promise<ServiceContext> {
  const { db, clock } = ctx.platform;
  const memberships = await listMembershipsOfUser(db, caller.user.id);
  return { db, clock, actor: { userId: caller.user.id, isSecretariat: false, memberships, via: 'session' } };
}

async function createInstructor(ctx: TestContext, institution: Institution, name: string): Promise<Caller> {
  const user = await createTestUser(ctx.platform, { name });
  const system = { db: ctx.platform.db, clock: ctx.platform.clock, actor: SYSTEM_ACTOR };
  await addMember(system, { institutionId: institution.id, userId: user.id, role: 'instructor' });
  return { user, token: await createTokenFor(ctx, user), cookie: await signIn(ctx.app, user.email) };
}

async function joinTeam(ctx: TestContext, lead: ServiceContext, key: string, caller: Caller, role: TeamRole) {
  const institutionId = (await listMembershipsOfUser(ctx.platform.db, caller.user.id))[0]!.institutionId;
  const { token } = await inviteToTeam(lead, key, { email: caller.user.email, role, institutionId });
  await acceptTeamInvitation(await contextOf(ctx, caller), token);
}

export const SAMPLE_METADATA = {
  title: { en: 'Climate Data 101', 'zh-Hans': '气候数据入门' },
  shortDescription: { en: 'Read climate records with care.' },
  description: { en: 'Learn to **read** climate records.' },
  subjects: ['natural_sciences' as const],
  skills: [
    { name: { en: 'Data analysis' }, escoUri: 'http://data.europa.eu/esco/skill/0f5a9c4e-5a53-4bd6-8a6b-3c2f0e0e2c2a' },
  ],
  languages: ['en'],
  effort: { hoursPerWeek: 3, weeks: 6 },
  ectsCredits: 2,
};

/**
 * Puts a published course into the catalog as the publish hook will once it is wired; upserting
 * is idempotent, so this stays harmless afterwards.
 */
export async function indexInCatalog(ctx: TestContext, key: string): Promise<void> {
  const { db } = ctx.platform;
  const course = (await getCourseByKey(db, key))!;
  const tree = (await getPublishedTree(db, key))!;
  const runs = await listCourseRuns(db, course.id);
  const { metadata } = tree;
  await upsertCatalogEntry(db, {
    courseId: course.id,
    courseUuid: course.uuid,
    key,
    titles: metadata.title,
    shortDescriptions: metadata.shortDescription,
    descriptions: metadata.description,
    outcomes: metadata.outcomes,
    skills: metadata.skills,
    subjects: metadata.subjects,
    level: metadata.level,
    languages: metadata.languages,
    owners: course.owners,
    runs: runs.map((run) => ({ ...run })),
    workloadHours: metadata.effort ? metadata.effort.hoursPerWeek * metadata.effort.weeks : null,
    ectsCredits: metadata.ectsCredits,
    licence: metadata.licence,
    publishedAt: ctx.platform.clock.now(),
  });
}

export async function createCourseApiWorld(ctx: TestContext): Promise<CourseApiWorld> {
  const base = await createApiWorld(ctx);
  const leadInstructor = await createInstructor(ctx, base.memberA, 'Lea Lead');
  const instructor = await createInstructor(ctx, base.memberA, 'Ines Instructor');
  const author = await createInstructor(ctx, base.memberA, 'Ari Author');
  const assistant = await createInstructor(ctx, base.memberA, 'Tara Assistant');
  const lead = await contextOf(ctx, leadInstructor);
  const key = uniqueCourseKey('climate');
  await createCourse(lead, { key, leadInstitutionId: base.memberA.id, metadata: SAMPLE_METADATA });
  await joinTeam(ctx, lead, key, instructor, 'instructor');
  await joinTeam(ctx, lead, key, author, 'author');
  await joinTeam(ctx, lead, key, assistant, 'teaching_assistant');
  const section = await addSection(lead, key, { title: 'Week 1' });
  const unit = await addUnit(lead, key, section.key, { title: 'Records' });
  const block = await addBlock(lead, key, unit.key, { type: 'text', title: 'Welcome', body: 'Hello.' });
  const release = await publishCourse(lead, key, { message: 'First release' });
  const run = await createRun(lead, key, { code: '2027-T1', pacing: 'self_paced', language: 'en' });
  await indexInCatalog(ctx, key);
  const unpublishedKey = uniqueCourseKey('secret');
  await createCourse(lead, { key: unpublishedKey, leadInstitutionId: base.memberA.id, metadata: SAMPLE_METADATA });
  return {
    ...base,
    leadInstructor,
    instructor,
    author,
    assistant,
    published: {
      key,
      sectionKey: section.key,
      unitKey: unit.key,
      blockKey: block.key,
      runCode: run.code,
      releaseId: release.id,
    },
    unpublishedKey,
  };
}
