import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StoredCredential } from '../../../modules/credentials/index.ts';
import { attachmentDisposition } from '../../api/packages/disposition.ts';
import { loadVisibleCredential } from './access.ts';
import type { CredentialParams } from './paths.ts';

/**
 * The signed credential as files: the JSON document with its Data Integrity proof, and the
 * VC-JWT. Both are exactly what was signed; they go to whoever may see the credential and are
 * never cached, since the learner can make a public credential private again.
 */

export const JSON_CREDENTIAL_TYPE = 'application/vc+ld+json';
export const JWT_CREDENTIAL_TYPE = 'application/vc+jwt';

/** `orbis-credential-<uuid>.json`: the id keeps two downloads of one learner apart. */
export function credentialFileName(uuid: string, extension: string): string {
  return `orbis-credential-${uuid}.${extension}`;
}

/** Bodies go out as bytes, so the media types are sent exactly as registered, without a charset. */
function downloadHeaders(type: string, fileName: string | null) {
  return {
    'content-type': type,
    'cache-control': 'no-store',
    ...(fileName ? { 'content-disposition': attachmentDisposition(fileName) } : {}),
  };
}

export function sendCredentialJson(
  reply: FastifyReply,
  credential: StoredCredential,
  options: { type: string; attachment: boolean },
): FastifyReply {
  const fileName = options.attachment ? credentialFileName(credential.uuid, 'json') : null;
  const body = Buffer.from(JSON.stringify(credential.document, null, 2));
  return reply.headers(downloadHeaders(options.type, fileName)).send(body);
}

export async function credentialDownloadRoutes(app: FastifyInstance): Promise<void> {
  app.get<CredentialParams>('/credentials/:uuid/credential.json', async (request, reply) => {
    const credential = await loadVisibleCredential(request, request.params.uuid);
    return sendCredentialJson(reply, credential, { type: JSON_CREDENTIAL_TYPE, attachment: true });
  });

  app.get<CredentialParams>('/credentials/:uuid/credential.jwt', async (request, reply) => {
    const credential = await loadVisibleCredential(request, request.params.uuid);
    return reply
      .headers(downloadHeaders(JWT_CREDENTIAL_TYPE, credentialFileName(credential.uuid, 'jwt')))
      .send(Buffer.from(credential.jwt));
  });
}
