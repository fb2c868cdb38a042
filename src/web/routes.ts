import type { FastifyInstance } from 'fastify';
import { assetRoutes } from './routes/assets.ts';
import { authHandlerRoutes } from './routes/auth-handler.ts';
import { healthRoutes } from './routes/health.ts';
import { localeRoutes } from './routes/locale.ts';
import { homeRoutes } from './pages/home.tsx';

/** Every route group of the application, registered in this order. */
export const ROUTE_GROUPS: Array<(app: FastifyInstance) => Promise<void>> = [
  healthRoutes,
  assetRoutes,
  authHandlerRoutes,
  localeRoutes,
  homeRoutes,
];
