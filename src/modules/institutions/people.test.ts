import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listRecentMail } from '../../platform/mail/index.ts';
import {
  acceptInvitation,
  changeMemberRoles,
  getInvitationByToken,
  inviteMember,
  listInstitutionPeople,
  listInvitations,
  removeMember,
  revokeInvitation,
  type Institution,
  type InvitationMailComposer,
} from './index.ts';
import { createTestHelpers } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: ReturnType<typeof createTestHelpers>;
let alpha: Institution;
let beta: Institution;

const composeMail: InvitationMailComposer = ({ token, institution }) => ({
  subject: `Join ${institution.shortName}`,
  text: `Accept at /invitations/${token}`,
  locale: 'en',
});

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createTestHelpers(handle.db);
  alpha = await helpers.buildInstitution({ key: 'alpha', shortName: 'Alpha' });
  beta = await helpers.buildInstitution({ key: 'beta', shortName: 'Beta' });
});
afterAll(() => handle.close());

describe('people of an institution', () => {
  it('keeps an admin of one institution out of every other one', async () => {
    const { ctx } = await helpers.buildPerson(alpha, 'admin');
    const { user: betaPerson } = await helpers.buildPerson(beta, 'instructor');
    await expect(listInstitutionPeople(ctx, beta.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      inviteMember(ctx, beta.id, { email: 'x@example.test', role: 'admin' }, composeMail),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(removeMember(ctx, beta.id, betaPerson.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(changeMemberRoles(ctx, beta.id, betaPerson.id, ['admin'])).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('forbids learners and instructors from managing people', async () => {
    const learner = await helpers.buildUser();
    const learnerCtx = await helpers.contextFor(learner.id);
    const { ctx: instructorCtx } = await helpers.buildPerson(alpha, 'instructor');
    for (const ctx of [learnerCtx, instructorCtx]) {
      await expect(listInstitutionPeople(ctx, alpha.id)).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(
        inviteMember(ctx, alpha.id, { email: 'y@example.test', role: 'admin' }, composeMail),
      ).rejects.toMatchObject({ kind: 'forbidden' });
    }
  });

  it('lets the secretariat change roles anywhere, audited with before and after', async () => {
    const { user } = await helpers.buildPerson(beta, 'instructor');
    const secretariat = await helpers.buildUser({ secretariat: true });
    const ctx = await helpers.contextFor(secretariat.id, true);
    expect(await changeMemberRoles(ctx, beta.id, user.id, ['registrar', 'instructor'])).toEqual([
      'instructor',
      'registrar',
    ]);
    const [event] = await listAuditEvents(handle.db, { action: 'institution.member_roles_changed', objectId: user.id });
    expect(event).toMatchObject({
      institutionId: beta.id,
      before: { roles: ['instructor'] },
      after: { roles: ['instructor', 'registrar'] },
    });
    const people = await listInstitutionPeople(ctx, beta.id);
    expect(people.find((person) => person.userId === user.id)?.roles.sort()).toEqual(['instructor', 'registrar']);
  });

  it('never lets an institution lose its last admin', async () => {
    const lonely = await helpers.buildInstitution();
    const { user, ctx } = await helpers.buildPerson(lonely, 'admin');
    await expect(removeMember(ctx, lonely.id, user.id)).rejects.toMatchObject({ code: 'institution.last_admin' });
    await expect(changeMemberRoles(ctx, lonely.id, user.id, ['instructor'])).rejects.toMatchObject({
      code: 'institution.last_admin',
    });
    const { user: second } = await helpers.buildPerson(lonely, 'admin');
    await removeMember(ctx, lonely.id, second.id);
    expect((await listInstitutionPeople(ctx, lonely.id)).map((person) => person.userId)).toEqual([user.id]);
  });
});

describe('invitations', () => {
  it('mails a token, stores only its hash, and lets the invited person accept once', async () => {
    const { ctx: adminCtx } = await helpers.buildPerson(alpha, 'admin');
    const invitee = await helpers.buildUser({ email: 'invitee@example.test' });
    const { token, invitation } = await inviteMember(
      adminCtx,
      alpha.id,
      { email: 'Invitee@Example.test', role: 'registrar' },
      composeMail,
    );
    expect(invitation.email).toBe('invitee@example.test');
    expect(invitation.expiresAt.getTime() - helpers.clock.now().getTime()).toBe(14 * 86_400_000);
    const [mail] = await listRecentMail(handle.db, { recipient: 'invitee@example.test' });
    expect(mail?.textBody).toContain(token);
    expect((await getInvitationByToken(handle.db, token, helpers.clock.now()))?.state).toBe('pending');
    const inviteeCtx = await helpers.contextFor(invitee.id);
    expect(await acceptInvitation(inviteeCtx, token)).toEqual({ institutionKey: 'alpha', role: 'registrar' });
    expect((await helpers.actorFor(invitee.id)).memberships).toEqual([{ institutionId: alpha.id, role: 'registrar' }]);
    await expect(acceptInvitation(inviteeCtx, token)).rejects.toMatchObject({ code: 'invitation.accepted' });
    const [event] = await listAuditEvents(handle.db, { action: 'institution.member_added', objectId: invitee.id });
    expect(event).toMatchObject({ institutionId: alpha.id, after: { role: 'registrar' } });
  });

  it('refuses revoked, expired and misaddressed invitations and anonymous acceptance', async () => {
    const secretariat = await helpers.buildUser({ secretariat: true });
    const ctx = await helpers.contextFor(secretariat.id, true);
    const someone = await helpers.buildUser({ email: 'someone@example.test' });
    const someoneCtx = await helpers.contextFor(someone.id);
    const revoked = await inviteMember(ctx, beta.id, { email: 'someone@example.test', role: 'admin' }, composeMail);
    await revokeInvitation(ctx, beta.id, revoked.invitation.uuid);
    await expect(acceptInvitation(someoneCtx, revoked.token)).rejects.toMatchObject({ code: 'invitation.revoked' });
    const other = await inviteMember(ctx, beta.id, { email: 'other@example.test', role: 'admin' }, composeMail);
    await expect(acceptInvitation(someoneCtx, other.token)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(acceptInvitation({ ...someoneCtx, actor: null }, other.token)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(acceptInvitation(someoneCtx, 'no-such-token')).rejects.toMatchObject({ kind: 'not_found' });
    expect((await listInvitations(ctx, beta.id)).map((i) => i.uuid)).toEqual([other.invitation.uuid]);
    helpers.clock.advance(15 * 86_400_000);
    const late = await inviteMember(ctx, beta.id, { email: 'someone@example.test', role: 'admin' }, composeMail);
    helpers.clock.advance(15 * 86_400_000);
    await expect(acceptInvitation(someoneCtx, late.token)).rejects.toMatchObject({ code: 'invitation.expired' });
  });

  it('does not let one institution revoke another’s invitation', async () => {
    const { ctx: alphaAdmin } = await helpers.buildPerson(alpha, 'admin');
    const { token: _token, invitation } = await inviteMember(
      helpers.system,
      beta.id,
      { email: 'z@example.test', role: 'instructor' },
      composeMail,
    );
    await expect(revokeInvitation(alphaAdmin, beta.id, invitation.uuid)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(revokeInvitation(alphaAdmin, alpha.id, invitation.uuid)).rejects.toMatchObject({ kind: 'not_found' });
  });
});
