import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  buildCredentialUrl,
  buildVerifyUrl,
  canRevokeCredential,
  readCredentialSettings,
  revokeCredential,
  setCredentialVisibility,
  type StoredCredential,
} from '../../../modules/credentials/index.ts';
import { getInstitutionById, localize } from '../../../modules/institutions/index.ts';
import { isDomainError } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { requireViewer, serviceContextOf } from '../account/guard.ts';
import { loadVisibleCredential } from './access.ts';
import { CredentialView } from './credential-view.tsx';
import { sendCredentialJson } from './downloads.ts';
import { preferredJsonType } from './negotiate.ts';
import {
  credentialPath,
  readCredentialNotice,
  readFormField,
  requireCredentialUuid,
  type CredentialParams,
} from './paths.ts';
import { buildLinkedInUrl, describeCredential } from './present.ts';
import type { CredentialFormErrors, CredentialPageState } from './state.ts';

async function buildState(
  request: FastifyRequest,
  reply: FastifyReply,
  credential: StoredCredential,
  errors?: CredentialFormErrors,
): Promise<CredentialPageState> {
  const { db } = request.server.platform;
  const display = describeCredential(credential.document);
  const institution = await getInstitutionById(db, credential.institutionId);
  const issuerName = institution ? localize(institution.name, request.t.locale) : (display.issuerName ?? '');
  const { baseUrl } = readCredentialSettings();
  const page = buildCredentialUrl(baseUrl, credential.uuid);
  const actor = request.viewer?.actor ?? null;
  return {
    credential,
    display,
    issuerName,
    isOwner: actor?.userId === credential.userId,
    canRevoke: canRevokeCredential(actor, credential.institutionId),
    csrf: request.viewer ? reply.generateCsrf() : '',
    links: {
      page,
      verify: buildVerifyUrl(baseUrl, credential.uuid),
      linkedIn: buildLinkedInUrl({
        name: display.achievementName ?? credential.title,
        organizationName: display.issuerName ?? issuerName,
        issuedAt: credential.issuedAt,
        credentialUrl: page,
        credentialId: credential.uuid,
      }),
    },
    notice: errors ? undefined : readCredentialNotice(request.query),
    errors,
  };
}

async function sendCredentialPage(
  request: FastifyRequest,
  reply: FastifyReply,
  credential: StoredCredential,
  options: { errors?: CredentialFormErrors; status?: number } = {},
): Promise<FastifyReply> {
  const state = await buildState(request, reply, credential, options.errors);
  const title = state.display.achievementName ?? credential.title;
  return sendPage(request, reply, {
    title,
    status: options.status,
    description: request.t.t('credentials.page.description', { title, issuer: state.issuerName }),
    canonicalUrl: credential.public ? state.links.page : undefined,
    body: <CredentialView t={request.t} state={state} />,
  });
}

async function showCredential(request: FastifyRequest<CredentialParams>, reply: FastifyReply) {
  const credential = await loadVisibleCredential(request, request.params.uuid);
  const jsonType = preferredJsonType(request.headers.accept);
  if (jsonType) return sendCredentialJson(reply, credential, { type: jsonType, attachment: false });
  return sendCredentialPage(request, reply, credential);
}

async function changeVisibility(request: FastifyRequest<CredentialParams>, reply: FastifyReply) {
  const viewer = requireViewer(request, reply);
  if (!viewer) return reply;
  const uuid = requireCredentialUuid(request.params.uuid);
  const wanted = readFormField(request.body, 'public');
  if (wanted !== 'true' && wanted !== 'false') {
    const credential = await loadVisibleCredential(request, uuid);
    const errors = { visibility: 'credentials.share.error.choice' } as const;
    return sendCredentialPage(request, reply, credential, { errors, status: 400 });
  }
  const updated = await setCredentialVisibility(serviceContextOf(request, viewer), uuid, wanted === 'true');
  return redirectTo(reply, `${credentialPath(updated.uuid)}?notice=${updated.public ? 'public' : 'private'}`);
}

/** A refusal the staff member can act on goes back to the page with the form; anything else is thrown. */
function revokeErrorsFor(error: unknown, reason: string): { errors: CredentialFormErrors; status: number } {
  if (isDomainError(error) && error.kind === 'invalid') {
    return { errors: { reason: 'credentials.revoke.error.reason', reasonValue: reason }, status: 400 };
  }
  if (isDomainError(error) && error.code === 'credentials.already_revoked') {
    return { errors: { revoke: 'credentials.revoke.error.already' }, status: 409 };
  }
  throw error;
}

async function revoke(request: FastifyRequest<CredentialParams>, reply: FastifyReply) {
  const viewer = requireViewer(request, reply);
  if (!viewer) return reply;
  const uuid = requireCredentialUuid(request.params.uuid);
  const reason = readFormField(request.body, 'reason');
  try {
    await revokeCredential(serviceContextOf(request, viewer), uuid, reason);
  } catch (error) {
    const { errors, status } = revokeErrorsFor(error, reason);
    return sendCredentialPage(request, reply, await loadVisibleCredential(request, uuid), { errors, status });
  }
  return redirectTo(reply, `${credentialPath(uuid)}?notice=revoked`);
}

/** Adds Accept to Vary: one address answers both a page and the credential's JSON. */
async function varyOnAccept(_request: FastifyRequest, reply: FastifyReply) {
  const vary = reply.getHeader('vary');
  const names =
    typeof vary === 'string'
      ? vary
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
      : [];
  if (!names.some((name) => name.toLowerCase() === 'accept')) reply.header('vary', [...names, 'Accept'].join(', '));
}

export async function credentialRoutes(app: FastifyInstance): Promise<void> {
  const csrf = { preHandler: app.csrfProtection };
  app.get<CredentialParams>('/credentials/:uuid', { onSend: varyOnAccept }, showCredential);
  app.post<CredentialParams>('/credentials/:uuid/visibility', csrf, changeVisibility);
  app.post<CredentialParams>('/credentials/:uuid/revoke', csrf, revoke);
}
