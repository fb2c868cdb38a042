import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { ServiceContext } from '../../platform/access/index.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listRecentMail } from '../../platform/mail/index.ts';
import { addMember, type Institution, type InstitutionRole } from '../institutions/index.ts';
import {
  acceptTeamInvitation,
  declineTeamInvitation,
  getTeamInvitationByToken,
  inviteToTeam,
  listMyCourses,
  listMyTeamInvitations,
  listTeam,
  listTeamInvitations,
  revokeTeamInvitation,
  type LoadedCourse,
  type TeamInvitationMailComposer,
} from './index.ts';
import { createCourseTestHelpers, type CourseTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let tsinghua: Institution;
let nairobi: Institution;
let milan: Institution;
let course: LoadedCourse;
let tsinghuaLead: { user: { id: string }; ctx: ServiceContext };

const compose: TeamInvitationMailComposer = ({ token, course: invited, institution }) => ({
  subject: `Join ${invited.title.en}`,
  text: `Teach for ${institution.name.en}: https://orbis.example/team-invitations/${token}`,
  locale: 'en',
});

async function buildPersonWithEmail(email: string, institution?: Institution, role: InstitutionRole = 'instructor') {
  const user = await helpers.buildUser({ email });
  if (institution) await addMember(helpers.system, { institutionId: institution.id, userId: user.id, role });
  return { user, ctx: await helpers.contextFor(user.id) };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  tsinghua = await helpers.buildInstitution({ key: 'tsinghua', name: { en: 'Tsinghua University' }, country: 'CN' });
  nairobi = await helpers.buildInstitution({ key: 'nairobi', name: { en: 'University of Nairobi' }, country: 'KE' });
  milan = await helpers.buildInstitution({ key: 'milan', name: { en: 'Politecnico di Milano' }, country: 'IT' });
  const built = await helpers.buildCourse({ lead: tsinghua, partners: [nairobi], key: 'climate-data' });
  course = built.course;
  tsinghuaLead = built.leadInstructor;
});
afterAll(() => handle.close());

describe('the cross-institution invitation flow', () => {
  it('lets a Tsinghua lead bring in a Nairobi instructor, whom Nairobi admins then see and Milan admins do not', async () => {
    const wanjiru = await buildPersonWithEmail('wanjiru@uonbi.example', nairobi);
    const { token, invitation } = await inviteToTeam(
      tsinghuaLead.ctx,
      course.key,
      { email: ' Wanjiru@UONBI.example ', role: 'instructor', institutionId: nairobi.id },
      compose,
    );
    expect(invitation).toMatchObject({
      email: 'wanjiru@uonbi.example',
      role: 'instructor',
      courseKey: 'climate-data',
      courseTitle: { en: 'Climate Data 101' },
      institution: { id: nairobi.id, key: 'nairobi' },
      state: 'pending',
    });
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBe(14 * 86_400_000);
    const [mail] = await listRecentMail(handle.db, { recipient: 'wanjiru@uonbi.example' });
    expect(mail).toMatchObject({ kind: 'course-team-invitation', subject: 'Join Climate Data 101' });
    expect(mail!.textBody).toContain(token);

    const mine = await listMyTeamInvitations(wanjiru.ctx);
    expect(mine.map((entry) => entry.uuid)).toEqual([invitation.uuid]);
    expect(await acceptTeamInvitation(wanjiru.ctx, invitation.uuid)).toEqual({
      courseKey: course.key,
      role: 'instructor',
    });
    expect(await listMyTeamInvitations(wanjiru.ctx)).toEqual([]);
    const team = await listTeam(tsinghuaLead.ctx, course.key);
    expect(team.find((member) => member.userId === wanjiru.user.id)).toMatchObject({
      role: 'instructor',
      institutionId: nairobi.id,
    });

    const nairobiAdmin = await buildPersonWithEmail('admin@uonbi.example', nairobi, 'admin');
    const milanAdmin = await buildPersonWithEmail('admin@polimi.example', milan, 'admin');
    expect((await listMyCourses(nairobiAdmin.ctx)).map((entry) => entry.key)).toEqual(['climate-data']);
    expect(await listMyCourses(milanAdmin.ctx)).toEqual([]);
    expect((await listMyCourses(wanjiru.ctx))[0]).toMatchObject({ key: 'climate-data', teamRole: 'instructor' });

    const created = await listAuditEvents(handle.db, { action: 'course.team_invitation_created' });
    expect(created[0]).toMatchObject({ actorId: tsinghuaLead.user.id, institutionId: tsinghua.id });
    const added = await listAuditEvents(handle.db, { action: 'course.team_member_added' });
    expect(added[0]).toMatchObject({
      actorId: wanjiru.user.id,
      institutionId: tsinghua.id,
      after: { userId: wanjiru.user.id, role: 'instructor', institutionId: nairobi.id },
    });
  });

  it('accepts by the token from the mail too, and shows the invitation behind the token', async () => {
    const person = await buildPersonWithEmail('token@uonbi.example', nairobi);
    const { token } = await inviteToTeam(tsinghuaLead.ctx, course.key, {
      email: 'token@uonbi.example',
      role: 'author',
      institutionId: nairobi.id,
    });
    expect(await getTeamInvitationByToken(handle.db, token, helpers.clock.now())).toMatchObject({ state: 'pending' });
    expect(await getTeamInvitationByToken(handle.db, 'nonsense', helpers.clock.now())).toBeNull();
    expect(await acceptTeamInvitation(person.ctx, token)).toEqual({ courseKey: course.key, role: 'author' });
    await expect(acceptTeamInvitation(person.ctx, token)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'team_invitation.accepted',
    });
  });
});

describe('accepting needs the right person', () => {
  it('refuses anonymous people, other addresses and people without a teaching role there', async () => {
    const { invitation } = await inviteToTeam(tsinghuaLead.ctx, course.key, {
      email: 'student@uonbi.example',
      role: 'teaching_assistant',
      institutionId: nairobi.id,
    });
    await expect(acceptTeamInvitation(helpers.anonymousContext(), invitation.uuid)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    const stranger = await buildPersonWithEmail('stranger@uonbi.example', nairobi);
    await expect(acceptTeamInvitation(stranger.ctx, invitation.uuid)).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringMatching(/another e-mail address/),
    });
    const learner = await buildPersonWithEmail('student@uonbi.example', nairobi, 'registrar');
    await expect(acceptTeamInvitation(learner.ctx, invitation.uuid)).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringMatching(/instructors and admins of University of Nairobi/),
    });
    await expect(acceptTeamInvitation(learner.ctx, 'not-a-token')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses expired and revoked invitations, and lets the invitee decline', async () => {
    const person = await buildPersonWithEmail('late@uonbi.example', nairobi);
    const first = await inviteToTeam(tsinghuaLead.ctx, course.key, {
      email: 'late@uonbi.example',
      role: 'author',
      institutionId: nairobi.id,
    });
    await revokeTeamInvitation(tsinghuaLead.ctx, course.key, first.invitation.uuid);
    await expect(acceptTeamInvitation(person.ctx, first.token)).rejects.toMatchObject({
      code: 'team_invitation.revoked',
    });
    await expect(revokeTeamInvitation(tsinghuaLead.ctx, course.key, first.invitation.uuid)).rejects.toMatchObject({
      kind: 'not_found',
    });

    const second = await inviteToTeam(tsinghuaLead.ctx, course.key, {
      email: 'late@uonbi.example',
      role: 'author',
      institutionId: nairobi.id,
    });
    const later: ServiceContext = { ...person.ctx, clock: { now: () => new Date(Date.parse('2024-03-16T10:00:01Z')) } };
    await expect(acceptTeamInvitation(later, second.token)).rejects.toMatchObject({
      code: 'team_invitation.expired',
    });

    const third = await buildPersonWithEmail('no-thanks@uonbi.example', nairobi);
    const offer = await inviteToTeam(tsinghuaLead.ctx, course.key, {
      email: 'no-thanks@uonbi.example',
      role: 'author',
      institutionId: nairobi.id,
    });
    await expect(declineTeamInvitation(person.ctx, offer.invitation.uuid)).rejects.toMatchObject({
      kind: 'not_found',
    });
    await declineTeamInvitation(third.ctx, offer.invitation.uuid);
    await expect(acceptTeamInvitation(third.ctx, offer.invitation.uuid)).rejects.toMatchObject({
      code: 'team_invitation.revoked',
    });
    const [event] = await listAuditEvents(handle.db, { action: 'course.team_invitation_declined' });
    expect(event).toMatchObject({ actorId: third.user.id, institutionId: tsinghua.id });
  });
});

describe('inviting', () => {
  it('lets only those who manage the team invite, for an owning institution', async () => {
    const ta = await helpers.addTeamMember(course, tsinghua, 'teaching_assistant');
    const author = await helpers.addTeamMember(course, tsinghua, 'author');
    for (const person of [ta, author]) {
      await expect(
        inviteToTeam(person.ctx, course.key, { email: 'x@example.test', role: 'author', institutionId: tsinghua.id }),
      ).rejects.toMatchObject({ kind: 'forbidden' });
    }
    const milanAdmin = await buildPersonWithEmail('other-admin@polimi.example', milan, 'admin');
    await expect(
      inviteToTeam(milanAdmin.ctx, course.key, { email: 'x@example.test', role: 'author', institutionId: milan.id }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(
      inviteToTeam(tsinghuaLead.ctx, course.key, { email: 'x@example.test', role: 'author', institutionId: milan.id }),
    ).rejects.toMatchObject({ kind: 'invalid', details: { fields: [{ field: 'institutionId' }] } });
    await expect(
      inviteToTeam(tsinghuaLead.ctx, course.key, {
        email: 'nope',
        role: 'boss' as 'author',
        institutionId: nairobi.id,
      }),
    ).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/email: .*; role: /) });
  });

  it('lets a Nairobi admin invite, and refuses duplicates and people already on the team', async () => {
    const nairobiAdmin = await buildPersonWithEmail('second-admin@uonbi.example', nairobi, 'admin');
    await inviteToTeam(nairobiAdmin.ctx, course.key, {
      email: 'twice@uonbi.example',
      role: 'author',
      institutionId: nairobi.id,
    });
    await expect(
      inviteToTeam(nairobiAdmin.ctx, course.key, {
        email: 'twice@uonbi.example',
        role: 'author',
        institutionId: nairobi.id,
      }),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'team.invitation_pending' });
    await expect(
      inviteToTeam(nairobiAdmin.ctx, course.key, {
        email: 'wanjiru@uonbi.example',
        role: 'author',
        institutionId: nairobi.id,
      }),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'team.already_member' });
    const pending = await listTeamInvitations(tsinghuaLead.ctx, course.key);
    expect(pending.map((entry) => entry.email)).toContain('twice@uonbi.example');
    expect(pending.every((entry) => entry.acceptedAt === null && entry.revokedAt === null)).toBe(true);
    await expect(listTeamInvitations(helpers.anonymousContext(), course.key)).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(listMyTeamInvitations(helpers.anonymousContext())).rejects.toMatchObject({ kind: 'unauthenticated' });
  });
});
