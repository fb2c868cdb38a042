import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { changeTeamRole, listTeam, removeTeamMember } from './index.ts';
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

describe('listTeam', () => {
  it('lists the team with names, lead instructors first, to everyone who sees the draft', async () => {
    for (const person of [cast.leadInstructor, cast.teachingAssistant, cast.ownerAdmin, cast.partnerAdmin]) {
      const team = await listTeam(person.ctx, cast.course.key);
      expect(team.map((member) => member.role)).toEqual([
        'lead_instructor',
        'instructor',
        'author',
        'teaching_assistant',
      ]);
      expect(team[1]).toMatchObject({
        userId: cast.instructor.user.id,
        email: cast.instructor.user.email,
        institutionId: cast.partner.id,
      });
    }
  });

  it('hides the team of an unpublished course from outsiders', async () => {
    for (const ctx of [cast.otherAdmin.ctx, cast.learner.ctx, cast.anonymous]) {
      await expect(listTeam(ctx, cast.course.key)).rejects.toMatchObject({ kind: 'not_found' });
    }
  });
});

describe('changeTeamRole and removeTeamMember', () => {
  it('lets lead instructors and owner admins change roles, and records each change', async () => {
    await changeTeamRole(cast.leadInstructor.ctx, cast.course.key, cast.author.user.id, 'instructor');
    await changeTeamRole(cast.partnerAdmin.ctx, cast.course.key, cast.author.user.id, 'author');
    const events = await listAuditEvents(handle.db, { action: 'course.team_role_changed' });
    expect(events.map((event) => [event.actorId, event.before, event.after, event.institutionId])).toEqual([
      [
        cast.partnerAdmin.user.id,
        { userId: cast.author.user.id, role: 'instructor' },
        { userId: cast.author.user.id, role: 'author' },
        cast.lead.id,
      ],
      [
        cast.leadInstructor.user.id,
        { userId: cast.author.user.id, role: 'author' },
        { userId: cast.author.user.id, role: 'instructor' },
        cast.lead.id,
      ],
    ]);
  });

  it('forbids team members without manage_team', async () => {
    for (const person of [cast.instructor, cast.author, cast.teachingAssistant]) {
      await expect(
        changeTeamRole(person.ctx, cast.course.key, cast.teachingAssistant.user.id, 'instructor'),
      ).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(removeTeamMember(person.ctx, cast.course.key, cast.teachingAssistant.user.id)).rejects.toMatchObject(
        { kind: 'forbidden' },
      );
    }
    for (const ctx of [cast.otherAdmin.ctx, cast.learner.ctx, cast.anonymous]) {
      await expect(removeTeamMember(ctx, cast.course.key, cast.teachingAssistant.user.id)).rejects.toMatchObject({
        kind: 'not_found',
      });
    }
  });

  it('rejects unknown roles and people not on the team', async () => {
    await expect(
      changeTeamRole(cast.leadInstructor.ctx, cast.course.key, cast.author.user.id, 'dean' as 'author'),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(
      changeTeamRole(cast.leadInstructor.ctx, cast.course.key, cast.learner.user.id, 'author'),
    ).rejects.toMatchObject({ kind: 'not_found', code: 'team_member.not_found' });
    await expect(removeTeamMember(cast.leadInstructor.ctx, cast.course.key, 'not-a-uuid')).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('never demotes or removes the last lead instructor', async () => {
    const { course, leadInstructor } = await helpers.buildCourse();
    await expect(
      changeTeamRole(leadInstructor.ctx, course.key, leadInstructor.user.id, 'instructor'),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'team.last_lead' });
    await expect(removeTeamMember(leadInstructor.ctx, course.key, leadInstructor.user.id)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'team.last_lead',
    });
  });

  it('lets a lead step down once someone else leads, and removes members with an audit row', async () => {
    await changeTeamRole(cast.leadInstructor.ctx, cast.course.key, cast.instructor.user.id, 'lead_instructor');
    await changeTeamRole(cast.leadInstructor.ctx, cast.course.key, cast.leadInstructor.user.id, 'author');
    await removeTeamMember(cast.ownerAdmin.ctx, cast.course.key, cast.teachingAssistant.user.id);
    const team = await listTeam(cast.ownerAdmin.ctx, cast.course.key);
    expect(team.map((member) => [member.userId, member.role])).toEqual(
      expect.arrayContaining([
        [cast.instructor.user.id, 'lead_instructor'],
        [cast.leadInstructor.user.id, 'author'],
      ]),
    );
    expect(team.map((member) => member.userId)).not.toContain(cast.teachingAssistant.user.id);
    const [event] = await listAuditEvents(handle.db, { action: 'course.team_member_removed' });
    expect(event).toMatchObject({
      actorId: cast.ownerAdmin.user.id,
      institutionId: cast.lead.id,
      before: { userId: cast.teachingAssistant.user.id, role: 'teaching_assistant' },
    });
  });
});
