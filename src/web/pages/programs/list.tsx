import type { FastifyInstance } from 'fastify';
import { listPrograms } from '../../../modules/credentials/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { languageAttributes } from '../../views/course-card.tsx';
import { PROGRAMS_PATH, programPath } from './paths.ts';
import { describeAwarders, describeRule, summarizePrograms, type ProgramSummary } from './present.ts';

/** Every program, public like the catalog: what it is called, who awards it and what it asks. */
export async function programListRoutes(app: FastifyInstance): Promise<void> {
  app.get(PROGRAMS_PATH, async (request, reply) => {
    const { db } = request.server.platform;
    const programs = await summarizePrograms(db, await listPrograms(db), request.t.locale);
    return sendPage(request, reply, {
      title: request.t.t('programs.list.title'),
      description: request.t.t('programs.list.lead'),
      body: <ProgramListView t={request.t} programs={programs} />,
    });
  });
}

function ProgramCard({ t, program }: { t: T; program: ProgramSummary }) {
  return (
    <li class="card">
      <h2>
        <a href={programPath(program.key)} {...languageAttributes(program.title, t.locale)}>
          {program.title.text}
        </a>
      </h2>
      <p class="meta">{describeAwarders(t, program)}</p>
      <p class="meta">{describeRule(t, program)}</p>
    </li>
  );
}

export function ProgramListView({ t, programs }: { t: T; programs: ProgramSummary[] }) {
  return (
    <>
      <h1>{t.t('programs.list.title')}</h1>
      <p class="lead">{t.t('programs.list.lead')}</p>
      {programs.length === 0 ? (
        <p>{t.t('programs.list.empty')}</p>
      ) : (
        <ul class="cards">
          {programs.map((program) => (
            <ProgramCard t={t} program={program} />
          ))}
        </ul>
      )}
    </>
  );
}
