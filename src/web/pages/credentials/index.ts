import type { FastifyInstance } from 'fastify';
import { credentialRoutes } from './credential-page.tsx';
import { credentialDownloadRoutes } from './downloads.ts';
import { learnerRecordRoutes } from './learner-record.ts';
import { myCredentialRoutes } from './my-credentials.tsx';
import { publicDocumentRoutes } from './public-documents.ts';
import { renderedDownloadRoutes } from './rendered-downloads.ts';
import { verifyRoutes } from './verify.tsx';

/** Credentials: a learner's certificates, their public pages and downloads, verification for anyone. */
export async function credentialPageRoutes(app: FastifyInstance): Promise<void> {
  await publicDocumentRoutes(app);
  await myCredentialRoutes(app);
  await learnerRecordRoutes(app);
  await credentialRoutes(app);
  await credentialDownloadRoutes(app);
  await renderedDownloadRoutes(app);
  await verifyRoutes(app);
}
