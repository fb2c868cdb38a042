import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  INSTITUTION_TYPES,
  MEMBERSHIP_STATUSES,
  canCreateInstitution,
  createInstitution,
  type InstitutionType,
  type MembershipStatus,
} from '../../../modules/institutions/index.ts';
import { forbidden, isDomainError } from '../../../platform/errors/index.ts';
import { COUNTRY_CODES } from '../../../platform/i18n/index.ts';
import type { T } from '../../messages/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { CsrfField, ErrorSummary, SelectField, TextField } from '../../views/forms.tsx';
import {
  fieldErrorsFrom,
  readField,
  redirectAnonymous,
  serviceContext,
  statusLabel,
  typeLabel,
  type FieldErrors,
} from './shared.ts';

const FIELDS = [
  'key',
  'nameEn',
  'nameZh',
  'nameAr',
  'shortName',
  'country',
  'city',
  'type',
  'website',
  'status',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const IDS: Record<string, string> = {
  key: 'key',
  name: 'nameEn',
  'name.en': 'nameEn',
  shortName: 'shortName',
  country: 'country',
  city: 'city',
  type: 'type',
  website: 'website',
  membershipStatus: 'status',
};

function requireCreator(request: FastifyRequest, reply: FastifyReply, back: string): boolean {
  if (redirectAnonymous(request, reply, back)) return false;
  if (!canCreateInstitution(request.viewer?.actor ?? null)) throw forbidden();
  return true;
}

function renderForm(request: FastifyRequest, reply: FastifyReply, values: Values, errors: FieldErrors, status = 200) {
  const { t } = request;
  return sendPage(request, reply, {
    title: t.t('institutions.new.title'),
    status,
    body: <NewInstitutionForm t={t} reply={reply} values={values} errors={errors} />,
  });
}

export async function newInstitutionRoutes(app: FastifyInstance): Promise<void> {
  app.get('/institutions/new', async (request, reply) => {
    if (!requireCreator(request, reply, '/institutions/new')) return reply;
    const empty = Object.fromEntries(FIELDS.map((field) => [field, ''])) as Values;
    return renderForm(request, reply, { ...empty, type: 'university', status: 'applicant' }, {});
  });

  app.post('/institutions', { preHandler: app.csrfProtection }, async (request, reply) => {
    if (!requireCreator(request, reply, '/institutions/new')) return reply;
    const values = Object.fromEntries(FIELDS.map((field) => [field, readField(request.body, field)])) as Values;
    try {
      const created = await createInstitution(serviceContext(request), {
        key: values.key,
        name: { en: values.nameEn, 'zh-Hans': values.nameZh, ar: values.nameAr },
        shortName: values.shortName || undefined,
        country: values.country,
        city: values.city,
        type: values.type as InstitutionType,
        website: values.website,
        membershipStatus: values.status as MembershipStatus,
      });
      return redirectTo(reply, `/institutions/${created.key}/manage?notice=created`);
    } catch (error) {
      if (isDomainError(error) && error.code === 'institution.key_taken') {
        return renderForm(request, reply, values, { key: 'institutions.error.keyTaken' }, 409);
      }
      return renderForm(request, reply, values, fieldErrorsFrom(error), 400);
    }
  });
}

type FormProps = { t: T; reply: FastifyReply; values: Values; errors: FieldErrors };

function NewInstitutionForm({ t, reply, values, errors }: FormProps) {
  const collator = new Intl.Collator(t.locale);
  const countries = COUNTRY_CODES.map((code) => ({ value: code, label: t.countryName(code) })).sort((a, b) =>
    collator.compare(a.label, b.label),
  );
  const optional = t.t('institutions.manage.optional');
  return (
    <>
      <h1>{t.t('institutions.new.title')}</h1>
      <ErrorSummary t={t} errors={errors} fields={IDS} />
      <form method="post" action="/institutions" class="form" novalidate>
        <CsrfField reply={reply} />
        <TextField
          t={t}
          id="key"
          name="key"
          label={t.t('institutions.new.key')}
          value={values.key}
          required
          hint={t.t('institutions.new.keyHint')}
          error={errors.key}
          dir="ltr"
        />
        <TextField
          t={t}
          id="nameEn"
          name="nameEn"
          label={t.t('institutions.manage.nameEn')}
          value={values.nameEn}
          required
          error={errors.name ?? errors['name.en']}
          lang="en"
          dir="ltr"
        />
        <TextField
          t={t}
          id="nameZh"
          name="nameZh"
          label={t.t('institutions.manage.nameZh')}
          value={values.nameZh}
          hint={optional}
          lang="zh-Hans"
        />
        <TextField
          t={t}
          id="nameAr"
          name="nameAr"
          label={t.t('institutions.manage.nameAr')}
          value={values.nameAr}
          hint={optional}
          lang="ar"
          dir="rtl"
        />
        <TextField
          t={t}
          id="shortName"
          name="shortName"
          label={t.t('institutions.manage.shortName')}
          value={values.shortName}
          hint={optional}
          error={errors.shortName}
          maxLength={40}
        />
        <SelectField
          t={t}
          id="country"
          name="country"
          label={t.t('institutions.profile.country')}
          value={values.country}
          required
          empty=""
          error={errors.country}
          options={countries}
        />
        <TextField
          t={t}
          id="city"
          name="city"
          label={t.t('institutions.manage.city')}
          value={values.city}
          error={errors.city}
        />
        <SelectField
          t={t}
          id="type"
          name="type"
          label={t.t('institutions.profile.type')}
          value={values.type}
          required
          error={errors.type}
          options={INSTITUTION_TYPES.map((type) => ({ value: type, label: typeLabel(t, type) }))}
        />
        <TextField
          t={t}
          id="website"
          name="website"
          type="url"
          label={t.t('institutions.manage.website')}
          value={values.website}
          hint={t.t('institutions.manage.urlHint')}
          error={errors.website}
          dir="ltr"
        />
        <SelectField
          t={t}
          id="status"
          name="status"
          label={t.t('institutions.manage.status')}
          value={values.status}
          required
          error={errors.membershipStatus}
          options={MEMBERSHIP_STATUSES.map((status) => ({ value: status, label: statusLabel(t, status) }))}
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('institutions.new.create')}
          </button>
          <a href="/institutions">{t.t('form.cancel')}</a>
        </p>
      </form>
    </>
  );
}
