import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EmailRequestForm } from './email-form.tsx';
import { z } from 'zod';
import { redirectTo, sendPage } from '../../render.tsx';
import { callAuth, forwardCookies, isRateLimited } from './auth-call.ts';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  TextField,
  collectFieldErrors,
  readField,
  readPassword,
  type FieldErrors,
} from './forms.ts';
import { emailSchema, newPasswordSchema } from './validation.ts';

/** Better Auth sends reset links through itself, then here with ?token= (or ?error=). */
export const RESET_PATH = '/password/reset';

const resetQuery = z.object({ token: z.string().min(1).max(512).optional(), error: z.string().max(100).optional() });
const resetSchema = z
  .object({ token: z.string().min(1).max(512), password: newPasswordSchema, confirm: z.string() })
  .refine((value) => value.password === value.confirm, { message: 'reset.mismatch', path: ['confirm'] });

export async function passwordRoutes(app: FastifyInstance): Promise<void> {
  app.get('/password/forgot', async (request, reply) => sendForgotForm(request, reply, '', {}));

  app.post('/password/forgot', { preHandler: app.csrfProtection }, async (request, reply) => {
    const entered = readField(request.body, 'email');
    const parsed = emailSchema.safeParse(entered);
    if (!parsed.success) return sendForgotForm(request, reply, entered, { email: 'auth.error.email' }, 400);
    const result = await callAuth(request, '/request-password-reset', { email: parsed.data, redirectTo: RESET_PATH });
    if (isRateLimited(result)) return sendForgotForm(request, reply, entered, { _: 'auth.rateLimited' }, 429);
    const { t } = request;
    return sendPage(request, reply, {
      title: t.t('forgot.title'),
      body: (
        <section>
          <h1>{t.t('forgot.title')}</h1>
          <Alert kind="success">
            <p>{t.t('forgot.sent', { email: parsed.data })}</p>
          </Alert>
          <p>
            <a href="/sign-in">{t.t('nav.signIn')}</a>
          </p>
        </section>
      ),
    });
  });

  app.get(RESET_PATH, async (request, reply) => {
    const parsed = resetQuery.safeParse(request.query);
    const token = parsed.success && !parsed.data.error ? parsed.data.token : undefined;
    if (!token) return sendInvalidToken(request, reply);
    return sendResetForm(request, reply, token, {});
  });

  app.post(RESET_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const token = readField(request.body, 'token');
    const parsed = resetSchema.safeParse({
      token,
      password: readPassword(request.body, 'password'),
      confirm: readPassword(request.body, 'confirm'),
    });
    if (!token) return sendInvalidToken(request, reply);
    if (!parsed.success) return sendResetForm(request, reply, token, collectFieldErrors(parsed.error), 400);
    const result = await callAuth(request, '/reset-password', { token, newPassword: parsed.data.password });
    if (isRateLimited(result)) return sendResetForm(request, reply, token, { _: 'auth.rateLimited' }, 429);
    if (!result.ok) return sendInvalidToken(request, reply);
    // Every session ended with the reset, this browser's included.
    forwardCookies(reply, result.cookies);
    return redirectTo(reply, '/sign-in?done=reset');
  });
}

function sendForgotForm(
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
  errors: FieldErrors,
  status = 200,
): FastifyReply {
  const { t } = request;
  const fieldErrors = errors;
  return sendPage(request, reply, {
    title: t.t('forgot.title'),
    status,
    body: (
      <section>
        <h1>{t.t('forgot.title')}</h1>
        <p class="lead">{t.t('forgot.lead')}</p>
        <EmailRequestForm
          t={t}
          reply={reply}
          id="forgot-email"
          action="/password/forgot"
          email={email}
          errors={fieldErrors}
          submit="forgot.submit"
        />
      </section>
    ),
  });
}

function sendResetForm(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  errors: FieldErrors,
  status = 200,
): FastifyReply {
  const { t } = request;
  const fieldErrors = errors;
  // The token must not leak to other sites through the Referer header.
  reply.header('referrer-policy', 'no-referrer');
  return sendPage(request, reply, {
    title: t.t('reset.title'),
    status,
    body: (
      <section>
        <h1>{t.t('reset.title')}</h1>
        <p class="lead">{t.t('reset.lead')}</p>
        <ErrorSummary t={t} errors={fieldErrors} fields={{ password: 'reset-password', confirm: 'reset-confirm' }} />
        <form method="post" action={RESET_PATH} class="form" noValidate>
          <CsrfField reply={reply} />
          <input type="hidden" name="token" value={token} />
          <TextField
            t={t}
            id="reset-password"
            name="password"
            type="password"
            label={t.t('reset.password')}
            hint={t.t('auth.passwordHint')}
            autocomplete="new-password"
            maxLength={128}
            required
            error={fieldErrors.password}
          />
          <TextField
            t={t}
            id="reset-confirm"
            name="confirm"
            type="password"
            label={t.t('reset.confirm')}
            autocomplete="new-password"
            maxLength={128}
            required
            error={fieldErrors.confirm}
          />
          <p class="actions">
            <button type="submit" class="button">
              {t.t('reset.submit')}
            </button>
          </p>
        </form>
      </section>
    ),
  });
}

function sendInvalidToken(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { t } = request;
  return sendPage(request, reply, {
    title: t.t('reset.title'),
    status: 400,
    body: (
      <section>
        <h1>{t.t('reset.title')}</h1>
        <Alert kind="error">
          <p>{t.t('reset.invalidToken')}</p>
        </Alert>
        <p class="actions">
          <a class="button" href="/password/forgot">
            {t.t('reset.requestNew')}
          </a>
        </p>
      </section>
    ),
  });
}
