import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiTokenSummary } from '../../../modules/identity/index.ts';
import { TokensSection } from './tokens-view.tsx';
import { CredentialsAccountSection } from '../credentials/my-credentials.tsx';
import { LearningDataAccountSection } from '../learning-data/views.tsx';
import { NotificationsAccountSection } from '../notifications/account-section.tsx';
import type { Viewer } from '../../context.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import {
  Alert,
  CountryField,
  CsrfField,
  ErrorSummary,
  LocaleField,
  TextAreaField,
  TextField,
  type FieldErrors,
} from '../auth/forms.ts';

export type ProfileValues = { name: string; country: string; locale: string; bio: string };
export type AccountForm = 'profile' | 'password' | 'email' | 'token';

/** What the account page shows: saved values, or the form that failed with its errors. */
export type AccountPageState = {
  tokens: ApiTokenSummary[];
  /** Unread forum notifications, shown with the link to them when the page counted them. */
  unreadNotifications?: number | undefined;
  notice?: { kind: 'success' | 'error'; key: MessageKey; values?: Record<string, string> } | undefined;
  failed?: { form: AccountForm; errors: FieldErrors; values: Record<string, string> } | undefined;
};

export function profileValuesOf(viewer: Viewer): ProfileValues {
  const { profile } = viewer;
  return { name: profile.name, country: profile.country ?? '', locale: profile.locale ?? '', bio: profile.bio ?? '' };
}

export function sendAccountPage(
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: Viewer,
  state: AccountPageState,
  status = 200,
): FastifyReply {
  const { t } = request;
  const errorsOf = (form: AccountForm): FieldErrors => (state.failed?.form === form ? state.failed.errors : {});
  const valuesOf = (form: AccountForm): Record<string, string> =>
    state.failed?.form === form ? state.failed.values : {};
  const profileValues = { ...profileValuesOf(viewer), ...valuesOf('profile') } as ProfileValues;
  if (!profileValues.locale) profileValues.locale = request.locale;
  const bySession = viewer.actor.via === 'session';
  return sendPage(request, reply, {
    title: t.t('account.title'),
    status,
    body: (
      <>
        <h1>{t.t('account.title')}</h1>
        <p class="lead">{t.t('account.signedInAs', { email: viewer.profile.email })}</p>
        {state.notice && (
          <Alert kind={state.notice.kind}>
            <p>{t.t(state.notice.key, state.notice.values)}</p>
          </Alert>
        )}
        <ProfileForm t={t} reply={reply} values={profileValues} errors={errorsOf('profile')} />
        {bySession ? (
          <>
            <PasswordForm t={t} reply={reply} errors={errorsOf('password')} />
            <EmailForm
              t={t}
              reply={reply}
              current={viewer.profile.email}
              value={valuesOf('email').email ?? ''}
              errors={errorsOf('email')}
            />
          </>
        ) : (
          <p>{t.t('account.tokens.sessionOnly')}</p>
        )}
        <TokensSection
          t={t}
          reply={reply}
          tokens={state.tokens}
          values={valuesOf('token')}
          errors={errorsOf('token')}
        />
        <NotificationsAccountSection t={t} unread={state.unreadNotifications} />
        <CredentialsAccountSection t={t} />
        <LearningDataAccountSection t={t} />
      </>
    ),
  });
}

const PROFILE_IDS = { name: 'profile-name', country: 'profile-country', locale: 'profile-locale', bio: 'profile-bio' };

function ProfileForm({
  t,
  reply,
  values,
  errors,
}: {
  t: T;
  reply: FastifyReply;
  values: ProfileValues;
  errors: FieldErrors;
}) {
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t.t('account.profile.title')}</h2>
      <ErrorSummary t={t} errors={errors} fields={PROFILE_IDS} />
      <form method="post" action="/account/profile" class="form" noValidate>
        <CsrfField reply={reply} />
        <TextField
          t={t}
          id={PROFILE_IDS.name}
          name="name"
          label={t.t('account.profile.name')}
          value={values.name}
          autocomplete="name"
          maxLength={100}
          required
          error={errors.name}
        />
        <CountryField
          t={t}
          id={PROFILE_IDS.country}
          name="country"
          label={t.t('account.profile.country')}
          emptyLabel={t.t('account.profile.countryNone')}
          value={values.country}
          error={errors.country}
        />
        <LocaleField
          t={t}
          id={PROFILE_IDS.locale}
          name="locale"
          label={t.t('account.profile.locale')}
          value={values.locale}
          error={errors.locale}
        />
        <TextAreaField
          t={t}
          id={PROFILE_IDS.bio}
          name="bio"
          label={t.t('account.profile.bio')}
          hint={t.t('account.profile.bioHint')}
          value={values.bio}
          maxLength={1000}
          error={errors.bio}
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('account.profile.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

function PasswordForm({ t, reply, errors }: { t: T; reply: FastifyReply; errors: FieldErrors }) {
  const ids = { currentPassword: 'password-current', newPassword: 'password-new' };
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t.t('account.password.title')}</h2>
      <ErrorSummary t={t} errors={errors} fields={ids} />
      <form method="post" action="/account/password" class="form" noValidate>
        <CsrfField reply={reply} />
        <TextField
          t={t}
          id={ids.currentPassword}
          name="currentPassword"
          type="password"
          label={t.t('account.password.current')}
          autocomplete="current-password"
          maxLength={128}
          required
          error={errors.currentPassword}
        />
        <TextField
          t={t}
          id={ids.newPassword}
          name="newPassword"
          type="password"
          label={t.t('account.password.new')}
          hint={t.t('auth.passwordHint')}
          autocomplete="new-password"
          maxLength={128}
          required
          error={errors.newPassword}
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('account.password.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

function EmailForm(props: { t: T; reply: FastifyReply; current: string; value: string; errors: FieldErrors }) {
  const { t, reply, current, value, errors } = props;
  return (
    <section aria-labelledby="email-title">
      <h2 id="email-title">{t.t('account.email.title')}</h2>
      <p>{t.t('account.email.current', { email: current })}</p>
      <ErrorSummary t={t} errors={errors} fields={{ email: 'email-new' }} />
      <form method="post" action="/account/email" class="form" noValidate>
        <CsrfField reply={reply} />
        <TextField
          t={t}
          id="email-new"
          name="email"
          type="email"
          label={t.t('account.email.new')}
          value={value}
          autocomplete="email"
          maxLength={254}
          required
          error={errors.email}
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('account.email.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
