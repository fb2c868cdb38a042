import type { FastifyRequest } from 'fastify';
import { getCredential, type StoredCredential } from '../../../modules/credentials/index.ts';
import { serviceContext } from '../institutions/shared.ts';
import { requireCredentialUuid } from './paths.ts';

/**
 * The credential if the viewer may see it (the learner, the issuer's admins and registrars, or
 * anyone once it is public); a 404 otherwise, so a private credential's existence does not leak.
 */
export async function loadVisibleCredential(request: FastifyRequest, rawUuid: unknown): Promise<StoredCredential> {
  return getCredential(serviceContext(request), requireCredentialUuid(rawUuid));
}
