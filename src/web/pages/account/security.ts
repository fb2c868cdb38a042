import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listApiTokens } from '../../../modules/identity/index.ts';
import type { Viewer } from '../../context.ts';
import { redirectTo } from '../../render.tsx';
import { callAuth, forwardCookies, isRateLimited } from '../auth/auth-call.ts';
import { collectFieldErrors, readField, readPassword, type FieldErrors } from '../auth/forms.ts';
import { emailSchema, enteredPasswordSchema, newPasswordSchema } from '../auth/validation.ts';
import { requireViewer, serviceContextOf } from './guard.ts';
import { sendAccountPage, type AccountForm } from './view.tsx';

const passwordSchema = z.object({ currentPassword: enteredPasswordSchema, newPassword: newPasswordSchema });

/** Where the link that completes an e-mail change finally lands. */
const EMAIL_CHANGED_PATH = '/account?done=email-changed';

export async function securityRoutes(app: FastifyInstance): Promise<void> {
  app.post('/account/password', { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const parsed = passwordSchema.safeParse({
      currentPassword: readPassword(request.body, 'currentPassword'),
      newPassword: readPassword(request.body, 'newPassword'),
    });
    if (!parsed.success) return sendFailure(request, reply, viewer, 'password', collectFieldErrors(parsed.error), {});
    const result = await callAuth(request, '/change-password', { ...parsed.data, revokeOtherSessions: true });
    if (isRateLimited(result))
      return sendFailure(request, reply, viewer, 'password', { _: 'auth.rateLimited' }, {}, 429);
    if (!result.ok) {
      return sendFailure(request, reply, viewer, 'password', { currentPassword: 'account.password.wrong' }, {});
    }
    // The current session is replaced by a new one; every other session is gone.
    forwardCookies(reply, result.cookies);
    return redirectTo(reply, '/account?done=password');
  });

  app.post('/account/email', { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const entered = readField(request.body, 'email');
    const parsed = emailSchema.safeParse(entered);
    const values = { email: entered };
    if (!parsed.success) return sendFailure(request, reply, viewer, 'email', { email: 'auth.error.email' }, values);
    if (parsed.data === viewer.profile.email) {
      return sendFailure(request, reply, viewer, 'email', { email: 'account.email.same' }, values);
    }
    const result = await callAuth(request, '/change-email', { newEmail: parsed.data, callbackURL: EMAIL_CHANGED_PATH });
    if (isRateLimited(result))
      return sendFailure(request, reply, viewer, 'email', { _: 'auth.rateLimited' }, values, 429);
    if (!result.ok) {
      request.log.warn({ code: result.code }, 'e-mail change refused');
      return sendFailure(request, reply, viewer, 'email', { email: 'auth.error.email' }, values);
    }
    // Whoever else holds a session must not be able to follow the change.
    const revoked = await callAuth(request, '/revoke-other-sessions', {});
    forwardCookies(reply, revoked.cookies);
    return redirectTo(reply, '/account?done=email');
  });
}

async function sendFailure(
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: Viewer,
  form: AccountForm,
  errors: FieldErrors,
  values: Record<string, string>,
  status = 400,
): Promise<FastifyReply> {
  const tokens = await listApiTokens(serviceContextOf(request, viewer));
  return sendAccountPage(request, reply, viewer, { tokens, failed: { form, errors, values } }, status);
}
