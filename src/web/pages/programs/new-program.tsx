import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listInstitutionCourses } from '../../../modules/courses/index.ts';
import { createProgram } from '../../../modules/credentials/index.ts';
import { MAX_PAGE_SIZE, listInstitutions, type Institution } from '../../../modules/institutions/index.ts';
import { forbidden } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { languageAttributes, pickText } from '../../views/course-card.tsx';
import type { Choice } from '../studio/fields.tsx';
import { loadVisibleInstitution, nameOf, serviceContext } from '../institutions/shared.ts';
import {
  emptyProgramForm,
  programErrorsFrom,
  readProgramForm,
  toNewProgram,
  type ProgramFormErrors,
  type ProgramFormValues,
} from './form.ts';
import { NewProgramForm } from './new-program-view.tsx';
import { canDefinePrograms, newProgramPath, programPath, signInPath } from './paths.ts';

type KeyParams = { Params: { key: string } };

/**
 * The institution whose programs the viewer defines: anonymous visitors are sent to sign in, an
 * institution they may not see is a 404, one they may see but not define programs for a 403.
 */
async function requireDefiner(request: FastifyRequest<KeyParams>, reply: FastifyReply): Promise<Institution | null> {
  if (!request.viewer) {
    await redirectTo(reply, signInPath(newProgramPath(request.params.key)));
    return null;
  }
  const institution = await loadVisibleInstitution(request, request.params.key);
  if (!canDefinePrograms(request.viewer.actor, institution.id)) {
    throw forbidden('Only the institution’s admins and registrars define its programs.');
  }
  return institution;
}

/** Alliance members a program may name as partners, every page of the directory. */
async function listPartnerChoices(request: FastifyRequest, lead: Institution): Promise<Choice[]> {
  const { db } = request.server.platform;
  const choices: Choice[] = [];
  for (let page = 1; ; page += 1) {
    const directory = await listInstitutions(db, { page, pageSize: MAX_PAGE_SIZE, locale: request.t.locale });
    for (const item of directory.items) {
      if (item.id !== lead.id) choices.push({ value: item.key, label: nameOf(item, request.t) });
    }
    if (page >= directory.pageCount) return choices;
  }
}

async function listCourseChoices(request: FastifyRequest, lead: Institution): Promise<Choice[]> {
  const courses = await listInstitutionCourses(request.server.platform.db, lead.id);
  return courses.map((course) => {
    const title = pickText(course.title, request.t.locale) ?? { text: course.key, lang: 'en' };
    return { value: course.key, label: title.text, lang: languageAttributes(title, request.t.locale).lang };
  });
}

async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  institution: Institution,
  form: { values: ProgramFormValues; errors: ProgramFormErrors; status?: number },
): Promise<FastifyReply> {
  const { t } = request;
  const [partners, courses] = await Promise.all([
    listPartnerChoices(request, institution),
    listCourseChoices(request, institution),
  ]);
  const name = nameOf(institution, t);
  return sendPage(request, reply, {
    title: t.t('programs.new.title', { institution: name }),
    status: form.status,
    body: (
      <NewProgramForm
        t={t}
        reply={reply}
        data={{ institution: { key: institution.key, name }, partners, courses, ...form }}
      />
    ),
  });
}

export async function newProgramRoutes(app: FastifyInstance): Promise<void> {
  app.get<KeyParams>('/institutions/:key/programs/new', async (request, reply) => {
    const institution = await requireDefiner(request, reply);
    if (!institution) return reply;
    return renderForm(request, reply, institution, { values: emptyProgramForm(), errors: { fields: {} } });
  });

  app.post<KeyParams>('/institutions/:key/programs', { preHandler: app.csrfProtection }, async (request, reply) => {
    const institution = await requireDefiner(request, reply);
    if (!institution) return reply;
    const values = readProgramForm(request.body);
    try {
      const created = await createProgram(serviceContext(request), toNewProgram(values, institution.key));
      return redirectTo(reply, `${programPath(created.key)}?notice=created`);
    } catch (error) {
      const { errors, status } = programErrorsFrom(error);
      return renderForm(request, reply, institution, { values, errors, status });
    }
  });
}
