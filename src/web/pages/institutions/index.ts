import type { FastifyInstance } from 'fastify';
import { directoryRoutes } from './directory.tsx';
import { invitationRoutes } from './invitations.tsx';
import { manageRoutes } from './manage.tsx';
import { newInstitutionRoutes } from './new.tsx';
import { profileRoutes } from './profile.tsx';

/** Routes for the alliance directory, institution profiles and institution administration. */
export async function institutionPageRoutes(app: FastifyInstance): Promise<void> {
  await directoryRoutes(app);
  await newInstitutionRoutes(app);
  await profileRoutes(app);
  await manageRoutes(app);
  await invitationRoutes(app);
}
