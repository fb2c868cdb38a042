import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { addPartnerInstitution, getCourseAccess, getCourseByKey, removePartnerInstitution } from './index.ts';
import { publishForTest } from './team-test-fixtures.ts';
import { createCourseTestHelpers, type CourseCast, type CourseTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let cast: CourseCast;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  cast = await helpers.buildCourseWithTeam();
});
afterAll(() => handle.close());

describe('getCourseByKey', () => {
  it('loads the course with its owners, lead first', async () => {
    const course = await getCourseByKey(handle.db, cast.course.key);
    expect(course?.owners.map((owner) => [owner.institutionId, owner.role])).toEqual([
      [cast.lead.id, 'lead'],
      [cast.partner.id, 'partner'],
    ]);
    expect(await getCourseByKey(handle.db, 'no-such-course')).toBeNull();
  });
});

describe('getCourseAccess', () => {
  it('gives each role its capabilities', async () => {
    const capabilitiesOf = async (ctx: CourseCast['learner']['ctx']) =>
      [...(await getCourseAccess(ctx, cast.course.key)).capabilities].sort();
    const learning = ['view_learners', 'enroll_learners', 'grade'];
    expect(await capabilitiesOf(cast.leadInstructor.ctx)).toEqual(
      ['edit_content', 'export', 'manage_runs', 'manage_team', 'publish', 'view_draft', ...learning].sort(),
    );
    expect(await capabilitiesOf(cast.instructor.ctx)).toEqual(
      ['edit_content', 'export', 'manage_runs', 'view_draft', ...learning].sort(),
    );
    expect(await capabilitiesOf(cast.author.ctx)).toEqual(['edit_content', 'export', 'view_draft']);
    expect(await capabilitiesOf(cast.teachingAssistant.ctx)).toEqual(['grade', 'view_draft', 'view_learners']);
    const ownerAdmin = ['enroll_learners', 'export', 'manage_team', 'view_draft', 'view_learners'];
    expect(await capabilitiesOf(cast.ownerAdmin.ctx)).toEqual(ownerAdmin);
    expect(await capabilitiesOf(cast.partnerAdmin.ctx)).toEqual(ownerAdmin);
  });

  it('hides a never-published course from outsiders and shows a published one without rights', async () => {
    const { course } = await helpers.buildCourse();
    for (const ctx of [cast.otherAdmin.ctx, cast.learner.ctx, cast.anonymous]) {
      await expect(getCourseAccess(ctx, course.key)).rejects.toMatchObject({ kind: 'not_found' });
    }
    await publishForTest(handle.db, course, helpers.clock.now());
    for (const ctx of [cast.otherAdmin.ctx, cast.learner.ctx, cast.anonymous]) {
      expect((await getCourseAccess(ctx, course.key)).capabilities.size).toBe(0);
    }
    await expect(getCourseAccess(cast.anonymous, 'no-such-course')).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('partner institutions', () => {
  it('lets a lead instructor add a member institution and records it', async () => {
    const milan = await helpers.buildInstitution({ key: 'milan', country: 'IT' });
    const updated = await addPartnerInstitution(cast.leadInstructor.ctx, cast.course.key, milan.id);
    expect(updated.owners.map((entry) => entry.key)).toContain('milan');
    const [event] = await listAuditEvents(handle.db, { action: 'course.partner_added' });
    expect(event).toMatchObject({
      actorId: cast.leadInstructor.user.id,
      institutionId: cast.lead.id,
      objectId: String(cast.course.id),
      after: { institutionId: milan.id },
    });
    await expect(addPartnerInstitution(cast.leadInstructor.ctx, cast.course.key, milan.id)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'course.already_owner',
    });
  });

  it('refuses institutions that are not members of the alliance', async () => {
    const applicant = await helpers.buildInstitution({ membershipStatus: 'applicant' });
    await expect(addPartnerInstitution(cast.ownerAdmin.ctx, cast.course.key, applicant.id)).rejects.toMatchObject({
      kind: 'invalid',
      code: 'course.partner_not_member',
    });
    await expect(addPartnerInstitution(cast.ownerAdmin.ctx, cast.course.key, 999_999)).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('forbids team members without manage_team and hides the unpublished course from outsiders', async () => {
    const extra = await helpers.buildInstitution();
    for (const person of [cast.instructor, cast.author, cast.teachingAssistant]) {
      await expect(addPartnerInstitution(person.ctx, cast.course.key, extra.id)).rejects.toMatchObject({
        kind: 'forbidden',
      });
      await expect(removePartnerInstitution(person.ctx, cast.course.key, cast.partner.id)).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    for (const ctx of [cast.otherAdmin.ctx, cast.learner.ctx, cast.anonymous]) {
      await expect(addPartnerInstitution(ctx, cast.course.key, extra.id)).rejects.toMatchObject({ kind: 'not_found' });
    }
  });

  it('never removes the lead, nor a partner people still teach for', async () => {
    await expect(
      removePartnerInstitution(cast.leadInstructor.ctx, cast.course.key, cast.lead.id),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'course.lead_not_removable' });
    await expect(
      removePartnerInstitution(cast.leadInstructor.ctx, cast.course.key, cast.partner.id),
    ).rejects.toMatchObject({
      kind: 'conflict',
      code: 'course.partner_has_team',
      message: expect.stringMatching(/1 team member/),
    });
    await expect(removePartnerInstitution(cast.leadInstructor.ctx, cast.course.key, 999_999)).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('removes a partner without team members and records it', async () => {
    const extra = await helpers.buildInstitution();
    await addPartnerInstitution(cast.partnerAdmin.ctx, cast.course.key, extra.id);
    const updated = await removePartnerInstitution(cast.ownerAdmin.ctx, cast.course.key, extra.id);
    expect(updated.owners.map((owner) => owner.institutionId)).not.toContain(extra.id);
    const [event] = await listAuditEvents(handle.db, { action: 'course.partner_removed' });
    expect(event).toMatchObject({
      actorId: cast.ownerAdmin.user.id,
      institutionId: cast.lead.id,
      before: { institutionId: extra.id },
    });
  });
});
