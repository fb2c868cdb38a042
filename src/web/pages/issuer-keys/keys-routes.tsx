import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  buildIssuerDid,
  listIssuerKeys,
  markIssuerKeyCompromised,
  rotateIssuerKey,
  type IssuerKeySummary,
} from '../../../modules/credentials/index.ts';
import type { Institution } from '../../../modules/institutions/index.ts';
import { notFound } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { nameOf, serviceContext } from '../institutions/shared.ts';
import {
  keysPath,
  loadKeyInstitution,
  readKeyNotice,
  requireKeyNumber,
  type KeyNumberParams,
  type KeyParams,
} from './access.ts';
import { readCompromiseInput } from './compromise-input.ts';
import { KeysView } from './keys-view.tsx';
import type { KeysPageState } from './state.ts';

async function sendKeysPage(
  request: FastifyRequest,
  reply: FastifyReply,
  institution: Institution,
  options: { keys: IssuerKeySummary[]; status?: number; compromise?: KeysPageState['compromise'] },
): Promise<FastifyReply> {
  const { t } = request;
  const state: KeysPageState = {
    institution,
    did: buildIssuerDid(institution.key),
    keys: options.keys,
    now: request.server.platform.clock.now(),
    notice: options.compromise ? undefined : readKeyNotice(request.query),
    compromise: options.compromise,
  };
  return sendPage(request, reply, {
    title: t.t('issuerKeys.title', { name: nameOf(institution, t) }),
    status: options.status,
    body: <KeysView t={t} reply={reply} state={state} />,
  });
}

async function showKeys(request: FastifyRequest<KeyParams>, reply: FastifyReply) {
  const institution = await loadKeyInstitution(request, reply);
  if (!institution) return reply;
  const keys = await listIssuerKeys(serviceContext(request), institution.key);
  return sendKeysPage(request, reply, institution, { keys });
}

async function rotate(request: FastifyRequest<KeyParams>, reply: FastifyReply) {
  const institution = await loadKeyInstitution(request, reply);
  if (!institution) return reply;
  await rotateIssuerKey(serviceContext(request), institution.key);
  return redirectTo(reply, keysPath(institution.key, 'rotated'));
}

/**
 * Problems with the form come back on the page with the form open (400); a key number the
 * institution does not have is a 404 whatever the form says.
 */
async function markCompromised(request: FastifyRequest<KeyNumberParams>, reply: FastifyReply) {
  const institution = await loadKeyInstitution(request, reply);
  if (!institution) return reply;
  const number = requireKeyNumber(request.params.number);
  const ctx = serviceContext(request);
  const keys = await listIssuerKeys(ctx, institution.key);
  const target = keys.find((key) => key.number === number);
  if (!target) throw notFound('signing key');
  const input = readCompromiseInput(request.body, ctx.clock.now());
  if (!input.ok) {
    const compromise = { number, values: input.values, errors: input.errors };
    return sendKeysPage(request, reply, institution, { keys, status: 400, compromise });
  }
  await markIssuerKeyCompromised(ctx, institution.key, { number, from: input.from, reason: input.reason });
  return redirectTo(reply, keysPath(institution.key, target.active ? 'compromised-replaced' : 'compromised'));
}

export async function keyRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };
  app.get<KeyParams>('/institutions/:key/keys', showKeys);
  app.post<KeyParams>('/institutions/:key/keys/rotate', csrf, rotate);
  app.post<KeyNumberParams>('/institutions/:key/keys/:number/compromised', csrf, markCompromised);
}
