import type { FastifyInstance } from 'fastify';
import { apiRoutes } from './api/index.ts';
import { accountPageRoutes } from './pages/account/index.ts';
import { authPageRoutes } from './pages/auth/index.ts';
import { catalogPageRoutes } from './pages/catalog/index.ts';
import { devPageRoutes } from './pages/dev/index.ts';
import { enrollPageRoutes } from './pages/enroll/index.ts';
import { gradePageRoutes } from './pages/grades/index.ts';
import { learnPageRoutes } from './pages/learn/index.ts';
import { learningDataPageRoutes } from './pages/learning-data/index.ts';
import { credentialPageRoutes } from './pages/credentials/index.ts';
import { programPageRoutes } from './pages/programs/index.ts';
import { issuerKeyPageRoutes } from './pages/issuer-keys/index.ts';
import { quizPageRoutes } from './pages/quiz/index.ts';
import { forumPageRoutes } from './pages/forum/index.ts';
import { notificationPageRoutes } from './pages/notifications/index.ts';
import { circlePageRoutes } from './pages/circles/index.ts';
import { homeRoutes } from './pages/home.tsx';
import { institutionPageRoutes } from './pages/institutions/index.ts';
import { studioPackageRoutes } from './pages/studio-packages/index.ts';
import { studioContentRoutes } from './pages/studio-content/index.ts';
import { studioPageRoutes } from './pages/studio/index.ts';
import { assetRoutes } from './routes/assets.ts';
import { authHandlerRoutes } from './routes/auth-handler.ts';
import { healthRoutes } from './routes/health.ts';
import { localeRoutes } from './routes/locale.ts';
import { mediaRoutes } from './routes/media.ts';

/** Every route group of the application, registered in this order. */
export const ROUTE_GROUPS: Array<(app: FastifyInstance) => Promise<void>> = [
  healthRoutes,
  assetRoutes,
  authHandlerRoutes,
  localeRoutes,
  mediaRoutes,
  homeRoutes,
  authPageRoutes,
  accountPageRoutes,
  institutionPageRoutes,
  catalogPageRoutes,
  studioPageRoutes,
  studioContentRoutes,
  studioPackageRoutes,
  enrollPageRoutes,
  learnPageRoutes,
  quizPageRoutes,
  gradePageRoutes,
  learningDataPageRoutes,
  credentialPageRoutes,
  programPageRoutes,
  issuerKeyPageRoutes,
  forumPageRoutes,
  circlePageRoutes,
  notificationPageRoutes,
  devPageRoutes,
  apiRoutes,
];
