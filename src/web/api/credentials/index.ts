import type { FastifyInstance } from 'fastify';
import { credentialRoutes } from './credentials.ts';
import { issuerRoutes } from './issuers.ts';
import { learnerRecordRoutes } from './learner-record.ts';
import { programRoutes } from './programs.ts';

/** Credentials over the JSON API: listing, reading, verifying, revoking, issuers, programs. */
export async function credentialApiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(credentialRoutes);
  await app.register(issuerRoutes);
  await app.register(programRoutes);
  await app.register(learnerRecordRoutes);
}
