import type { FastifyInstance } from 'fastify';
import { studioHomeRoutes } from './home.tsx';
import { studioInvitationRoutes } from './invitation.tsx';
import { newCourseRoutes } from './new.tsx';
import { runRoutes } from './runs.tsx';
import { settingsImageRoutes } from './settings-image.ts';
import { settingsRoutes } from './settings.tsx';
import { teamRoutes } from './team.tsx';

/** The studio: where course teams author, publish and run their courses. */
export async function studioPageRoutes(app: FastifyInstance): Promise<void> {
  await studioHomeRoutes(app);
  await newCourseRoutes(app);
  await studioInvitationRoutes(app);
  await settingsRoutes(app);
  await settingsImageRoutes(app);
  await teamRoutes(app);
  await runRoutes(app);
}
