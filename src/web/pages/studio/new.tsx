import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canCreateCourseFor, createCourse } from '../../../modules/courses/index.ts';
import { listInstitutions, MAX_PAGE_SIZE, type Institution } from '../../../modules/institutions/index.ts';
import { forbidden, isDomainError } from '../../../platform/errors/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { CsrfField, ErrorSummary, SelectField, TextAreaField, TextField } from '../../views/forms.tsx';
import { studioCoursePath } from '../../views/studio-layout.tsx';
import { CheckboxGroup, COMMON_LANGUAGES, directionOf, languageName } from './fields.tsx';
import {
  asId,
  fieldErrorsFor,
  localized,
  readField,
  readList,
  redirectAnonymous,
  serviceContext,
  type FieldErrors,
} from './shared.ts';

type Values = {
  key: string;
  lead: string;
  partners: string[];
  textLanguage: string;
  title: string;
  shortDescription: string;
  languages: string[];
  otherLanguages: string;
};

const MESSAGES: Record<string, MessageKey> = {
  key: 'studio.error.key',
  leadInstitutionId: 'studio.error.lead',
  partnerInstitutionIds: 'studio.error.partners',
  'metadata.title': 'studio.error.title',
  'metadata.shortDescription': 'studio.error.shortDescription',
  'metadata.languages': 'studio.error.languages',
  metadata: 'studio.error.other',
};

const IDS: Record<string, string> = {
  key: 'key',
  leadInstitutionId: 'lead',
  partnerInstitutionIds: 'partners',
  'metadata.title': 'title',
  'metadata.shortDescription': 'shortDescription',
  'metadata.languages': 'languages',
  textLanguage: 'textLanguage',
};

/** Every listed member of the alliance, page after page. */
export async function listAllMembers(request: FastifyRequest): Promise<Institution[]> {
  const all: Institution[] = [];
  for (let page = 1; ; page += 1) {
    const result = await listInstitutions(request.server.platform.db, {
      page,
      pageSize: MAX_PAGE_SIZE,
      locale: request.t.locale,
    });
    all.push(...result.items);
    if (page >= result.pageCount) return all;
  }
}

type FormData = { leads: Institution[]; members: Institution[] };

async function loadFormData(request: FastifyRequest): Promise<FormData> {
  const actor = request.viewer?.actor ?? null;
  const members = await listAllMembers(request);
  const leads = members.filter((institution) => canCreateCourseFor(actor, institution.id));
  if (leads.length === 0) throw forbidden();
  return { leads, members };
}

/** Languages ticked in the list plus any typed in, de-duplicated, in the order given. */
export function readLanguages(ticked: readonly string[], typed: string): string[] {
  const extra = typed
    .split(/[\s,;]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);
  return [...new Set([...ticked, ...extra])];
}

function render(
  request: FastifyRequest,
  reply: FastifyReply,
  values: Values,
  errors: FieldErrors,
  data: FormData,
  status = 200,
) {
  const { t } = request;
  return sendPage(request, reply, {
    title: t.t('studio.new.title'),
    status,
    body: <NewCourseForm t={t} reply={reply} values={values} errors={errors} data={data} />,
  });
}

export async function newCourseRoutes(app: FastifyInstance): Promise<void> {
  app.get('/studio/new', async (request, reply) => {
    if (redirectAnonymous(request, reply, '/studio/new')) return reply;
    const data = await loadFormData(request);
    const language = request.t.locale;
    const values: Values = {
      key: '',
      lead: String(data.leads[0]!.id),
      partners: [],
      textLanguage: language,
      title: '',
      shortDescription: '',
      languages: [language],
      otherLanguages: '',
    };
    return render(request, reply, values, {}, data);
  });

  app.post('/studio/new', { preHandler: app.csrfProtection }, async (request, reply) => {
    if (redirectAnonymous(request, reply, '/studio/new')) return reply;
    const data = await loadFormData(request);
    const body = request.body;
    const values: Values = {
      key: readField(body, 'key'),
      lead: readField(body, 'lead'),
      partners: readList(body, 'partners'),
      textLanguage: readField(body, 'textLanguage') || request.t.locale,
      title: readField(body, 'title'),
      shortDescription: readField(body, 'shortDescription'),
      languages: readList(body, 'languages'),
      otherLanguages: readField(body, 'otherLanguages'),
    };
    const leadId = asId(values.lead);
    if (!data.leads.some((institution) => institution.id === leadId)) {
      return render(request, reply, values, { leadInstitutionId: 'studio.error.lead' }, data, 400);
    }
    const text = (value: string) => (value ? { [values.textLanguage]: value } : {});
    try {
      const course = await createCourse(serviceContext(request), {
        key: values.key,
        leadInstitutionId: leadId,
        partnerInstitutionIds: values.partners.map(asId).filter((id) => id > 0),
        metadata: {
          title: text(values.title),
          shortDescription: text(values.shortDescription),
          languages: readLanguages(values.languages, values.otherLanguages),
        },
      });
      return redirectTo(reply, `${studioCoursePath(course.key, 'settings')}?notice=created`);
    } catch (error) {
      if (isDomainError(error) && error.code === 'course.key_taken') {
        return render(request, reply, values, { key: 'studio.error.keyTaken' }, data, 409);
      }
      return render(request, reply, values, fieldErrorsFor(error, MESSAGES), data, 400);
    }
  });
}

type FormProps = { t: T; reply: FastifyReply; values: Values; errors: FieldErrors; data: FormData };

function NewCourseForm({ t, reply, values, errors, data }: FormProps) {
  const languages = [...new Set([...COMMON_LANGUAGES, ...values.languages])];
  const languageChoices = languages.map((tag) => ({ value: tag, label: languageName(t, tag), lang: tag }));
  const partnerChoices = data.members.map((institution) => ({
    value: String(institution.id),
    label: localized(institution.name, t),
  }));
  return (
    <>
      <h1>{t.t('studio.new.title')}</h1>
      <p class="lead">{t.t('studio.new.lead')}</p>
      <ErrorSummary t={t} errors={errors} fields={IDS} />
      <form method="post" action="/studio/new" class="form" novalidate>
        <CsrfField reply={reply} />
        <TextField
          t={t}
          id="key"
          name="key"
          label={t.t('studio.new.key')}
          value={values.key}
          required
          hint={t.t('studio.new.keyHint')}
          error={errors.key}
          dir="ltr"
        />
        <SelectField
          t={t}
          id="lead"
          name="lead"
          label={t.t('studio.new.leadInstitution')}
          value={values.lead}
          required
          error={errors.leadInstitutionId}
          options={data.leads.map((institution) => ({
            value: String(institution.id),
            label: localized(institution.name, t),
          }))}
        />
        <CheckboxGroup
          t={t}
          id="partners"
          name="partners"
          legend={t.t('studio.new.partners')}
          hint={t.t('studio.new.partnersHint')}
          choices={partnerChoices}
          checked={values.partners}
          error={errors.partnerInstitutionIds}
        />
        <SelectField
          t={t}
          id="textLanguage"
          name="textLanguage"
          label={t.t('studio.new.textLanguage')}
          value={values.textLanguage}
          options={languageChoices.map(({ value, label }) => ({ value, label }))}
        />
        <TextField
          t={t}
          id="title"
          name="title"
          label={t.t('studio.field.title')}
          value={values.title}
          required
          maxLength={200}
          error={errors['metadata.title']}
          lang={values.textLanguage}
          dir={directionOf(values.textLanguage)}
        />
        <TextAreaField
          t={t}
          id="shortDescription"
          name="shortDescription"
          label={t.t('studio.field.shortDescription')}
          value={values.shortDescription}
          maxLength={500}
          rows={3}
          hint={t.t('studio.optional')}
          error={errors['metadata.shortDescription']}
          lang={values.textLanguage}
          dir={directionOf(values.textLanguage)}
        />
        <CheckboxGroup
          t={t}
          id="languages"
          name="languages"
          legend={t.t('studio.field.languages')}
          choices={languageChoices}
          checked={values.languages}
          error={errors['metadata.languages']}
        />
        <TextField
          t={t}
          id="otherLanguages"
          name="otherLanguages"
          label={t.t('studio.field.otherLanguages')}
          hint={t.t('studio.field.otherLanguagesHint')}
          value={values.otherLanguages}
          dir="ltr"
        />
        <p class="actions">
          <button type="submit" class="button">
            {t.t('studio.new.create')}
          </button>
          <a href="/studio">{t.t('form.cancel')}</a>
        </p>
      </form>
    </>
  );
}
