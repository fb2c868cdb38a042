import type { FastifyInstance } from 'fastify';
import { passwordRoutes } from './password.tsx';
import { signInRoutes } from './sign-in.tsx';
import { signUpRoutes } from './sign-up.tsx';
import { verificationRoutes } from './verification.tsx';

/** Routes for sign-up, sign-in, sign-out, e-mail verification and password reset pages. */
export async function authPageRoutes(app: FastifyInstance): Promise<void> {
  await signUpRoutes(app);
  await verificationRoutes(app);
  await signInRoutes(app);
  await passwordRoutes(app);
}
