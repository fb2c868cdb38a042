import type { FastifyReply } from 'fastify';
import {
  INSTITUTION_ROLES,
  MEMBERSHIP_STATUSES,
  canSetMembershipStatus,
  stateOfInvitation,
  type Institution,
  type InstitutionPerson,
  type InvitationSummary,
} from '../../../modules/institutions/index.ts';
import type { Actor } from '../../../platform/access/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { Alert, CsrfField, ErrorSummary, SelectField, TextAreaField, TextField } from '../../views/forms.tsx';
import { nameOf, roleLabel, statusLabel, type FieldErrors } from './shared.ts';
import { canManageIssuerKeys, keysPath } from '../issuer-keys/access.ts';
import { canDefinePrograms, newProgramPath } from '../programs/paths.ts';

export const PROFILE_FIELDS = [
  'nameEn',
  'nameZh',
  'nameAr',
  'shortName',
  'city',
  'website',
  'logoUrl',
  'descriptionEn',
  'descriptionZh',
  'descriptionAr',
] as const;
export type ProfileValues = Record<(typeof PROFILE_FIELDS)[number], string>;

export function profileValuesOf(institution: Institution): ProfileValues {
  return {
    nameEn: institution.name.en ?? '',
    nameZh: institution.name['zh-Hans'] ?? '',
    nameAr: institution.name.ar ?? '',
    shortName: institution.shortName,
    city: institution.city,
    website: institution.website ?? '',
    logoUrl: institution.logoUrl ?? '',
    descriptionEn: institution.description.en ?? '',
    descriptionZh: institution.description['zh-Hans'] ?? '',
    descriptionAr: institution.description.ar ?? '',
  };
}

/** Which input each service error field points at, for the error summary's links. */
const PROFILE_IDS: Record<string, string> = {
  'name.en': 'nameEn',
  name: 'nameEn',
  shortName: 'shortName',
  city: 'city',
  website: 'website',
  logoUrl: 'logoUrl',
  description: 'descriptionEn',
};

export type ManageState = {
  institution: Institution;
  people: InstitutionPerson[];
  invitations: InvitationSummary[];
  now: Date;
  actor: Actor;
  notice?: { kind: 'error' | 'success'; key: MessageKey } | undefined;
  profile?: { values: ProfileValues; errors: FieldErrors };
  invite?: { email: string; role: string; errors: FieldErrors };
};

export function ManageView({ t, reply, state }: { t: T; reply: FastifyReply; state: ManageState }) {
  const { institution } = state;
  return (
    <>
      <h1>{t.t('institutions.manage.title', { name: nameOf(institution, t) })}</h1>
      <p>
        <a href={`/institutions/${institution.key}`}>{t.t('institutions.manage.backToProfile')}</a>
        {canManageIssuerKeys(state.actor, institution.id) && (
          <>
            {' · '}
            <a href={keysPath(institution.key)}>{t.t('institutions.manage.signingKeys')}</a>
          </>
        )}
        {canDefinePrograms(state.actor, institution.id) && (
          <>
            {' · '}
            <a href={newProgramPath(institution.key)}>{t.t('institutions.manage.newProgram')}</a>
          </>
        )}
      </p>
      {state.notice && (
        <Alert kind={state.notice.kind}>
          <p>{t.t(state.notice.key)}</p>
        </Alert>
      )}
      <ProfileForm t={t} reply={reply} state={state} />
      <PeopleSection t={t} reply={reply} state={state} />
      <InviteForm t={t} reply={reply} state={state} />
      <InvitationList t={t} reply={reply} state={state} />
      {canSetMembershipStatus(state.actor) && <StatusForm t={t} reply={reply} state={state} />}
    </>
  );
}

type SectionProps = { t: T; reply: FastifyReply; state: ManageState };

function ProfileForm({ t, reply, state }: SectionProps) {
  const values = state.profile?.values ?? profileValuesOf(state.institution);
  const errors = state.profile?.errors ?? {};
  const field = (id: (typeof PROFILE_FIELDS)[number], label: MessageKey) => ({
    t,
    id,
    name: id,
    label: t.t(label),
    value: values[id],
  });
  const optional = t.t('institutions.manage.optional');
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t.t('institutions.manage.profile')}</h2>
      <ErrorSummary t={t} errors={errors} fields={PROFILE_IDS} />
      <form method="post" action={`/institutions/${state.institution.key}/manage`} class="form" novalidate>
        <CsrfField reply={reply} />
        <TextField
          {...field('nameEn', 'institutions.manage.nameEn')}
          required
          error={errors.name ?? errors['name.en']}
          lang="en"
          dir="ltr"
        />
        <TextField {...field('nameZh', 'institutions.manage.nameZh')} hint={optional} lang="zh-Hans" />
        <TextField {...field('nameAr', 'institutions.manage.nameAr')} hint={optional} lang="ar" dir="rtl" />
        <TextField
          {...field('shortName', 'institutions.manage.shortName')}
          required
          error={errors.shortName}
          maxLength={40}
        />
        <TextField {...field('city', 'institutions.manage.city')} error={errors.city} />
        <TextField
          {...field('website', 'institutions.manage.website')}
          type="url"
          hint={t.t('institutions.manage.urlHint')}
          error={errors.website}
          dir="ltr"
        />
        <TextField
          {...field('logoUrl', 'institutions.manage.logoUrl')}
          type="url"
          hint={t.t('institutions.manage.urlHint')}
          error={errors.logoUrl}
          dir="ltr"
        />
        <TextAreaField
          {...field('descriptionEn', 'institutions.manage.descriptionEn')}
          error={errors.description}
          lang="en"
          dir="ltr"
        />
        <TextAreaField
          {...field('descriptionZh', 'institutions.manage.descriptionZh')}
          hint={optional}
          lang="zh-Hans"
        />
        <TextAreaField
          {...field('descriptionAr', 'institutions.manage.descriptionAr')}
          hint={optional}
          lang="ar"
          dir="rtl"
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('form.save')}
          </button>
        </p>
      </form>
    </section>
  );
}

function PeopleSection({ t, reply, state }: SectionProps) {
  const base = `/institutions/${state.institution.key}/people`;
  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">{t.t('institutions.manage.people')}</h2>
      {state.people.length === 0 ? (
        <p>{t.t('institutions.manage.noPeople')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.t('institutions.manage.personName')}</th>
                <th scope="col">{t.t('institutions.manage.personEmail')}</th>
                <th scope="col">{t.t('institutions.manage.personRoles')}</th>
              </tr>
            </thead>
            <tbody>
              {state.people.map((person) => (
                <tr>
                  <th scope="row">{person.name}</th>
                  <td dir="ltr">{person.email}</td>
                  <td>
                    <form method="post" action={`${base}/${person.userId}/roles`} class="form">
                      <CsrfField reply={reply} />
                      <fieldset>
                        <legend>{t.t('institutions.manage.rolesOf', { name: person.name })}</legend>
                        {INSTITUTION_ROLES.map((role) => (
                          <label>
                            <input type="checkbox" name="roles" value={role} checked={person.roles.includes(role)} />{' '}
                            {roleLabel(t, role)}
                          </label>
                        ))}
                      </fieldset>
                      <button type="submit" class="button button-small">
                        {t.t('institutions.manage.updateRoles')}
                      </button>
                    </form>
                    <form method="post" action={`${base}/${person.userId}/removal`} class="inline-form">
                      <CsrfField reply={reply} />
                      <button type="submit" class="button button-small button-secondary">
                        {t.t('institutions.manage.remove', { name: person.name })}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function InviteForm({ t, reply, state }: SectionProps) {
  const invite = state.invite ?? { email: '', role: 'instructor', errors: {} };
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t.t('institutions.manage.invite')}</h2>
      <ErrorSummary t={t} errors={invite.errors} fields={{ email: 'invite-email', role: 'invite-role' }} />
      <form method="post" action={`/institutions/${state.institution.key}/invitations`} class="form" novalidate>
        <CsrfField reply={reply} />
        <TextField
          t={t}
          id="invite-email"
          name="email"
          type="email"
          label={t.t('institutions.manage.inviteEmail')}
          value={invite.email}
          required
          error={invite.errors.email}
          dir="ltr"
        />
        <SelectField
          t={t}
          id="invite-role"
          name="role"
          label={t.t('institutions.manage.inviteRole')}
          value={invite.role}
          required
          error={invite.errors.role}
          options={INSTITUTION_ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))}
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('institutions.manage.sendInvitation')}
          </button>
        </p>
      </form>
    </section>
  );
}

function InvitationList({ t, reply, state }: SectionProps) {
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t.t('institutions.manage.invitations')}</h2>
      {state.invitations.length === 0 ? (
        <p>{t.t('institutions.manage.noInvitations')}</p>
      ) : (
        <ul>
          {state.invitations.map((invitation) => (
            <li>
              {t.t('institutions.manage.invitationLine', {
                email: invitation.email,
                role: roleLabel(t, invitation.role),
              })}{' '}
              <span class="meta">
                {stateOfInvitation(invitation, state.now) === 'expired'
                  ? t.t('institutions.manage.expired')
                  : t.t('institutions.manage.expires', { date: t.formatDate(invitation.expiresAt) })}
              </span>{' '}
              <form
                method="post"
                action={`/institutions/${state.institution.key}/invitations/${invitation.uuid}/revocation`}
                class="inline-form"
              >
                <CsrfField reply={reply} />
                <button type="submit" class="button button-small button-secondary">
                  {t.t('institutions.manage.revoke', { email: invitation.email })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StatusForm({ t, reply, state }: SectionProps) {
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{t.t('institutions.manage.status')}</h2>
      <form method="post" action={`/institutions/${state.institution.key}/status`} class="form">
        <CsrfField reply={reply} />
        <SelectField
          t={t}
          id="membership-status"
          name="status"
          label={t.t('institutions.manage.status')}
          value={state.institution.membershipStatus}
          options={MEMBERSHIP_STATUSES.map((status) => ({ value: status, label: statusLabel(t, status) }))}
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('institutions.manage.changeStatus')}
          </button>
        </p>
      </form>
    </section>
  );
}
