import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  getInstitutionDidDocument,
  getStatusListDocument,
  readCredentialSettings,
  renderJwks,
} from '../../../modules/credentials/index.ts';

/**
 * What verifiers fetch: an institution's did:web document and its keys as a JWKS, and the
 * signed status lists. They are public, cacheable for a few minutes and readable from any
 * origin, so a verifier running in a browser on another site can check a credential too.
 */

type KeyParams = { Params: { key: string } };
type UuidParams = { Params: { uuid: string } };

const INSTITUTION_KEY = /^[a-z0-9-]{1,64}$/;

/** Sent as bytes, so the media type goes out exactly as registered, without a charset parameter. */
function sendPublicJson(reply: FastifyReply, type: string, maxAge: number, value: unknown): FastifyReply {
  return reply
    .headers({
      'content-type': type,
      'cache-control': `public, max-age=${maxAge}`,
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    })
    .send(Buffer.from(JSON.stringify(value, null, 2)));
}

function sendMissing(reply: FastifyReply, detail: string): FastifyReply {
  return reply
    .status(404)
    .headers({ 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' })
    .send(JSON.stringify({ type: 'about:blank', status: 404, title: 'Not found', detail, code: 'not_found' }));
}

/** The DID document, or null for an unknown institution, a malformed key or one without signing keys. */
async function loadDidDocument(app: FastifyInstance, key: string) {
  if (!INSTITUTION_KEY.test(key)) return null;
  return getInstitutionDidDocument(app.platform.db, key);
}

export async function publicDocumentRoutes(app: FastifyInstance): Promise<void> {
  const DID_MAX_AGE = 300;

  app.get<KeyParams>('/institutions/:key/did.json', async (request, reply) => {
    const document = await loadDidDocument(app, request.params.key);
    if (!document) return sendMissing(reply, 'This institution publishes no DID document.');
    return sendPublicJson(reply, 'application/did+json', DID_MAX_AGE, document);
  });

  app.get<KeyParams>('/institutions/:key/jwks.json', async (request, reply) => {
    const document = await loadDidDocument(app, request.params.key);
    if (!document) return sendMissing(reply, 'This institution publishes no keys.');
    return sendPublicJson(reply, 'application/jwk-set+json', DID_MAX_AGE, renderJwks(document));
  });

  app.get<UuidParams>('/credentials/status/:uuid', async (request, reply) => {
    const list = await getStatusListDocument(app.platform.db, request.params.uuid.toLowerCase());
    if (!list) return sendMissing(reply, 'No status list exists at this address.');
    reply.header('last-modified', list.updatedAt.toUTCString());
    const { statusListTtlSeconds } = readCredentialSettings();
    return sendPublicJson(reply, 'application/vc+ld+json', statusListTtlSeconds, list.document);
  });
}
