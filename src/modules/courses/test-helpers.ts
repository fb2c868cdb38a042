import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { createTestHelpers as createInstitutionHelpers } from '../institutions/test-helpers.ts';
import type { Institution } from '../institutions/index.ts';
import { forgetTeamRoles, type LoadedCourse } from './core.ts';
import type { CourseMetadataInput, MediaAsset, TeamRole } from './model.ts';
import { crsMedia, crsTeamMember } from './schema.ts';
import { createCourse } from './service-create.ts';

type Person = { user: { id: string; email: string; name: string }; ctx: ServiceContext };

/** Everyone whose access to a course the tests check, one per place they can stand. */
export type CourseCast = {
  course: LoadedCourse;
  lead: Institution;
  partner: Institution;
  other: Institution;
  leadInstructor: Person;
  instructor: Person;
  author: Person;
  teachingAssistant: Person;
  ownerAdmin: Person;
  partnerAdmin: Person;
  otherAdmin: Person;
  learner: Person;
  anonymous: ServiceContext;
};

export function sampleMetadata(title = 'Climate Data 101'): CourseMetadataInput {
  return { title: { en: title }, languages: ['en'] };
}

/**
 * Factories for course tests: institutions, people with roles, a course with a whole team. Team
 * members are written directly so these helpers do not depend on the team services.
 */
export function createCourseTestHelpers(db: Database) {
  const base = createInstitutionHelpers(db);
  let counter = 0;

  function nextKey(prefix: string): string {
    counter += 1;
    return `${prefix}-${counter}-${randomUUID().slice(0, 6)}`;
  }

  /** Someone with `role` at the institution (instructor by default), who can then join a team there. */
  async function buildStaff(institution: Institution, role: 'instructor' | 'admin' = 'instructor'): Promise<Person> {
    return base.buildPerson(institution, role);
  }

  async function buildLearner(): Promise<Person> {
    const user = await base.buildUser();
    return { user, ctx: await base.contextFor(user.id) };
  }

  function anonymousContext(): ServiceContext {
    return { db, clock: base.clock, actor: null };
  }

  async function buildCourse(
    options: { lead?: Institution; partners?: Institution[]; key?: string; metadata?: CourseMetadataInput } = {},
  ): Promise<{ course: LoadedCourse; lead: Institution; leadInstructor: Person }> {
    const lead = options.lead ?? (await base.buildInstitution());
    const leadInstructor = await buildStaff(lead);
    const course = await createCourse(leadInstructor.ctx, {
      key: options.key ?? nextKey('course'),
      leadInstitutionId: lead.id,
      partnerInstitutionIds: (options.partners ?? []).map((partner) => partner.id),
      metadata: options.metadata ?? sampleMetadata(),
    });
    return { course, lead, leadInstructor };
  }

  /** A new person of `institution` put on the course team with `role`. */
  async function addTeamMember(course: LoadedCourse, institution: Institution, role: TeamRole): Promise<Person> {
    const person = await buildStaff(institution);
    await db.insert(crsTeamMember).values({
      courseId: course.id,
      userId: person.user.id,
      institutionId: institution.id,
      role,
      addedAt: base.clock.now(),
      addedBy: null,
    });
    forgetTeamRoles(course.id);
    return person;
  }

  /** A course led by one institution with one partner, a member of each team role and outsiders. */
  async function buildCourseWithTeam(options: { metadata?: CourseMetadataInput } = {}): Promise<CourseCast> {
    const lead = await base.buildInstitution();
    const partner = await base.buildInstitution();
    const other = await base.buildInstitution();
    const { course, leadInstructor } = await buildCourse({ lead, partners: [partner], ...options });
    return {
      course,
      lead,
      partner,
      other,
      leadInstructor,
      instructor: await addTeamMember(course, partner, 'instructor'),
      author: await addTeamMember(course, lead, 'author'),
      teachingAssistant: await addTeamMember(course, lead, 'teaching_assistant'),
      ownerAdmin: await buildStaff(lead, 'admin'),
      partnerAdmin: await buildStaff(partner, 'admin'),
      otherAdmin: await buildStaff(other, 'admin'),
      learner: await buildLearner(),
      anonymous: anonymousContext(),
    };
  }

  /** A media row of the course (no bytes stored), for blocks that refer to uploads. */
  async function insertMedia(
    course: LoadedCourse,
    purpose: MediaAsset['purpose'] = 'file',
    filename = 'notes.pdf',
  ): Promise<MediaAsset> {
    const [row] = await db
      .insert(crsMedia)
      .values({
        courseId: course.id,
        purpose,
        storageKey: `test/${randomUUID()}`,
        filename,
        contentType: 'application/pdf',
        byteSize: 1234,
        sha256: 'a'.repeat(64),
        createdAt: base.clock.now(),
        createdBy: null,
      })
      .returning();
    const { createdBy: _createdBy, ...asset } = row!;
    return asset;
  }

  return {
    ...base,
    nextKey,
    buildStaff,
    buildLearner,
    anonymousContext,
    buildCourse,
    addTeamMember,
    buildCourseWithTeam,
    insertMedia,
  };
}

export type CourseTestHelpers = ReturnType<typeof createCourseTestHelpers>;
