import {
  TEAM_ROLES,
  type CourseOwner,
  type TeamInvitationSummary,
  type TeamMember,
} from '../../../modules/courses/index.ts';
import type { Institution } from '../../../modules/institutions/index.ts';
import type { T } from '../../messages/index.ts';
import { Alert, ErrorSummary, SelectField, TextField } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import { ButtonForm, formatDay } from './fields.tsx';
import { localized, teamRoleLabel, type FieldErrors, type Notice, type StudioCourse } from './shared.ts';

export type InviteValues = { email: string; role: string; institution: string };

export type TeamState = {
  studio: StudioCourse;
  members: TeamMember[];
  invitations: TeamInvitationSummary[];
  /** Alliance members that do not own the course yet. */
  candidates: Institution[];
  notice?: Notice | undefined;
  invite: { values: InviteValues; errors: FieldErrors };
};

type Props = { t: T; csrf: string; state: TeamState };

export function TeamView({ t, csrf, state }: Props) {
  const { studio } = state;
  return (
    <StudioFrame t={t} course={{ key: studio.course.key, title: studio.title }} current="team">
      <h2>{t.t('studio.team.title')}</h2>
      {state.notice && (
        <Alert kind={state.notice.kind}>
          <p>{t.t(state.notice.key)}</p>
        </Alert>
      )}
      <Members t={t} csrf={csrf} state={state} />
      {studio.capabilities.has('manage_team') && (
        <>
          <InviteForm t={t} csrf={csrf} state={state} />
          <Invitations t={t} csrf={csrf} state={state} />
        </>
      )}
      <Owners t={t} csrf={csrf} state={state} />
    </StudioFrame>
  );
}

const ownerName = (t: T, owners: CourseOwner[], id: number) =>
  localized(owners.find((owner) => owner.institutionId === id)?.name, t);

const roleOptions = (t: T) => TEAM_ROLES.map((role) => ({ value: role, label: teamRoleLabel(t, role) }));

function Members({ t, csrf, state }: Props) {
  const { studio } = state;
  const manages = studio.capabilities.has('manage_team');
  const base = `/studio/courses/${studio.course.key}/team/members`;
  return (
    <section aria-labelledby="members-heading">
      <h3 id="members-heading">{t.t('studio.team.members')}</h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.t('studio.team.name')}</th>
              <th scope="col">{t.t('studio.team.institution')}</th>
              <th scope="col">{t.t('studio.team.role')}</th>
              {manages && <th scope="col">{t.t('studio.team.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {state.members.map((member) => (
              <tr>
                <th scope="row">
                  {member.name}
                  <br />
                  <span dir="ltr">{member.email}</span>
                </th>
                <td>{ownerName(t, studio.course.owners, member.institutionId)}</td>
                <td>{teamRoleLabel(t, member.role)}</td>
                {manages && (
                  <td>
                    <form method="post" action={`${base}/${member.userId}/role`} class="inline-form">
                      <input type="hidden" name="_csrf" value={csrf} />
                      <label for={`role-${member.userId}`} class="visually-hidden">
                        {t.t('studio.team.roleOf', { name: member.name })}
                      </label>
                      <select id={`role-${member.userId}`} name="role">
                        {roleOptions(t).map((option) => (
                          <option value={option.value} selected={option.value === member.role}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="button-small">
                        {t.t('studio.team.changeRole')}
                      </button>
                    </form>
                    <ButtonForm
                      action={`${base}/${member.userId}/removal`}
                      csrf={csrf}
                      label={t.t('studio.team.remove', { name: member.name })}
                      danger
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function InviteForm({ t, csrf, state }: Props) {
  const { values, errors } = state.invite;
  const { course } = state.studio;
  return (
    <section aria-labelledby="invite-heading">
      <h3 id="invite-heading">{t.t('studio.team.invite')}</h3>
      <p>{t.t('studio.team.inviteLead')}</p>
      <ErrorSummary t={t} errors={errors} fields={{ email: 'email', role: 'role', institutionId: 'institution' }} />
      <form method="post" action={`/studio/courses/${course.key}/team/invitations`} class="form" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField
          t={t}
          id="email"
          name="email"
          type="email"
          label={t.t('studio.team.email')}
          value={values.email}
          required
          error={errors.email}
          autocomplete="off"
          dir="ltr"
        />
        <SelectField
          t={t}
          id="role"
          name="role"
          label={t.t('studio.team.role')}
          value={values.role}
          error={errors.role}
          options={roleOptions(t)}
        />
        <SelectField
          t={t}
          id="institution"
          name="institution"
          label={t.t('studio.team.teachesFor')}
          hint={t.t('studio.team.teachesForHint')}
          value={values.institution}
          error={errors.institutionId}
          options={course.owners.map((owner) => ({
            value: String(owner.institutionId),
            label: localized(owner.name, t),
          }))}
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('studio.team.sendInvitation')}
          </button>
        </p>
      </form>
    </section>
  );
}

function Invitations({ t, csrf, state }: Props) {
  const key = state.studio.course.key;
  return (
    <section aria-labelledby="pending-heading">
      <h3 id="pending-heading">{t.t('studio.team.pending')}</h3>
      {state.invitations.length === 0 ? (
        <p>{t.t('studio.team.noPending')}</p>
      ) : (
        <ul>
          {state.invitations.map((invitation) => (
            <li>
              {t.t(invitation.state === 'expired' ? 'studio.team.pendingExpired' : 'studio.team.pendingItem', {
                email: invitation.email,
                role: teamRoleLabel(t, invitation.role),
                institution: localized(invitation.institution.name, t),
                date: formatDay(t, invitation.expiresAt),
              })}{' '}
              <ButtonForm
                action={`/studio/courses/${key}/team/invitations/${invitation.uuid}/revocation`}
                csrf={csrf}
                label={t.t('studio.team.revoke', { email: invitation.email })}
                danger
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Owners({ t, csrf, state }: Props) {
  const { course, capabilities } = state.studio;
  const manages = capabilities.has('manage_team');
  return (
    <section aria-labelledby="owners-heading">
      <h3 id="owners-heading">{t.t('studio.team.owners')}</h3>
      <ul>
        {course.owners.map((owner) => {
          const name = localized(owner.name, t);
          return (
            <li>
              {t.t(owner.role === 'lead' ? 'studio.team.ownerLead' : 'studio.team.ownerPartner', { name })}{' '}
              {manages && owner.role === 'partner' && (
                <ButtonForm
                  action={`/studio/courses/${course.key}/owners/${owner.institutionId}/removal`}
                  csrf={csrf}
                  label={t.t('studio.team.removePartner', { name })}
                  danger
                />
              )}
            </li>
          );
        })}
      </ul>
      {manages && state.candidates.length > 0 && (
        <form method="post" action={`/studio/courses/${course.key}/owners`} class="form">
          <input type="hidden" name="_csrf" value={csrf} />
          <SelectField
            t={t}
            id="partner"
            name="institution"
            label={t.t('studio.team.addPartner')}
            options={state.candidates.map((institution) => ({
              value: String(institution.id),
              label: localized(institution.name, t),
            }))}
          />
          <p class="actions">
            <button type="submit" class="button-secondary">
              {t.t('studio.team.addPartnerButton')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
