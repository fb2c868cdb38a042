import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  claimProgramCredential,
  getProgramByKey,
  getProgramProgress,
  type Program,
} from '../../../modules/credentials/index.ts';
import { notFound } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { serviceContext } from '../institutions/shared.ts';
import { credentialPath, programPath, requireProgramKey, signInPath, type ProgramParams } from './paths.ts';
import { loadProgramCourses, summarizePrograms } from './present.ts';
import { ProgramView, type ProgramPageState } from './program-view.tsx';

async function loadProgram(request: FastifyRequest<ProgramParams>): Promise<Program> {
  const program = await getProgramByKey(request.server.platform.db, requireProgramKey(request.params.key));
  if (!program) throw notFound('program');
  return program;
}

async function sendProgramPage(
  request: FastifyRequest<ProgramParams>,
  reply: FastifyReply,
  program: Program,
  options: { claimRefused?: boolean; status?: number } = {},
): Promise<FastifyReply> {
  const { t } = request;
  const ctx = serviceContext(request);
  const [[summary], courses, progress] = await Promise.all([
    summarizePrograms(ctx.db, [program], t.locale),
    loadProgramCourses(ctx.db, program, t.locale),
    ctx.actor ? getProgramProgress(ctx, program.key) : null,
  ]);
  const state: ProgramPageState = {
    program: summary!,
    courses,
    progress,
    csrf: request.viewer ? reply.generateCsrf() : '',
    signInHref: signInPath(programPath(program.key)),
    notice: !options.claimRefused && readNotice(request.query) === 'created' ? 'created' : undefined,
    claimRefused: options.claimRefused ?? false,
  };
  return sendPage(request, reply, {
    title: summary!.title.text,
    status: options.status,
    description: t.t('programs.page.description', { title: summary!.title.text, lead: summary!.lead?.name ?? '' }),
    body: <ProgramView t={t} state={state} />,
  });
}

function readNotice(query: unknown): unknown {
  return (query as Record<string, unknown> | null)?.notice;
}

/**
 * Issues the certificate a learner earned before the program existed, then shows it. Asking
 * before earning it changes nothing: the page comes back saying what is missing.
 */
async function claim(request: FastifyRequest<ProgramParams>, reply: FastifyReply) {
  const key = request.params.key;
  if (!request.viewer) return redirectTo(reply, signInPath(programPath(key)));
  const program = await loadProgram(request);
  const uuid = await claimProgramCredential(serviceContext(request), program.key);
  if (uuid) return redirectTo(reply, credentialPath(uuid));
  return sendProgramPage(request, reply, program, { claimRefused: true, status: 409 });
}

export async function programRoutes(app: FastifyInstance): Promise<void> {
  app.get<ProgramParams>('/programs/:key', async (request, reply) =>
    sendProgramPage(request, reply, await loadProgram(request)),
  );
  app.post<ProgramParams>('/programs/:key/claim', { preHandler: app.csrfProtection }, claim);
}
