import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MessageKey, T } from '../../messages/index.ts';
import { redirectTo, safePath, sendPage } from '../../render.tsx';
import { callAuth, forwardCookies, isRateLimited } from './auth-call.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
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
import { enteredPasswordSchema, emailSchema } from './validation.ts';
import { ResendForm } from './verification.tsx';
import { pickOwnEntry } from '../../http.ts';

const signInSchema = z.object({ email: emailSchema, password: enteredPasswordSchema });
const signInQuery = z.object({ next: z.string().max(512).optional(), done: z.string().max(40).optional() });

const NOTICES: Record<string, MessageKey> = { reset: 'signIn.passwordReset', verified: 'signIn.alreadyVerified' };
const FIELD_IDS = { email: 'sign-in-email', password: 'sign-in-password' };

type SignInState = {
  email: string;
  next: string;
  errors: FieldErrors;
  notice?: MessageKey | undefined;
  unverified?: boolean;
};

export async function signInRoutes(app: FastifyInstance): Promise<void> {
  app.get('/sign-in', async (request, reply) => {
    const parsed = signInQuery.safeParse(request.query);
    const next = safePath(parsed.success ? parsed.data.next : undefined);
    if (request.viewer) return redirectTo(reply, next === '/' ? '/account' : next);
    const notice = parsed.success ? pickOwnEntry(NOTICES, parsed.data.done) : undefined;
    return sendSignInForm(request, reply, { email: '', next, errors: {}, notice });
  });

  app.post('/sign-in', { preHandler: app.csrfProtection }, async (request, reply) => {
    const email = readField(request.body, 'email');
    const next = safePath(readField(request.body, 'next') || '/');
    const parsed = signInSchema.safeParse({ email, password: readPassword(request.body, 'password') });
    if (!parsed.success) {
      return sendSignInForm(request, reply, { email, next, errors: collectFieldErrors(parsed.error) }, 400);
    }
    const result = await callAuth(request, '/sign-in/email', parsed.data);
    if (result.ok) {
      forwardCookies(reply, result.cookies);
      return redirectTo(reply, next);
    }
    if (isRateLimited(result)) {
      return sendSignInForm(request, reply, { email, next, errors: { _: 'auth.rateLimited' } }, 429);
    }
    if (result.code === 'EMAIL_NOT_VERIFIED') {
      return sendSignInForm(request, reply, { email, next, errors: {}, unverified: true }, 403);
    }
    // One message for an unknown address and a wrong password alike.
    return sendSignInForm(request, reply, { email, next, errors: { _: 'signIn.failed' } }, 401);
  });

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    if (request.viewer?.actor.via === 'session') {
      const result = await callAuth(request, '/sign-out', {});
      forwardCookies(reply, result.cookies);
    }
    return redirectTo(reply, '/');
  });
}

function sendSignInForm(request: FastifyRequest, reply: FastifyReply, state: SignInState, status = 200): FastifyReply {
  const { t } = request;
  const fieldErrors = state.errors;
  const showDemo = request.server.platform.config.env !== 'production';
  return sendPage(request, reply, {
    title: t.t('signIn.title'),
    status,
    body: (
      <div class={showDemo ? 'layout-sidebar' : undefined}>
        <section>
          <h1>{t.t('signIn.title')}</h1>
          {state.notice && (
            <Alert kind="success">
              <p>{t.t(state.notice)}</p>
            </Alert>
          )}
          {state.unverified && (
            <Alert kind="error">
              <p>{t.t('signIn.unverified')}</p>
            </Alert>
          )}
          <ErrorSummary t={t} errors={fieldErrors} fields={FIELD_IDS} />
          <form method="post" action="/sign-in" class="form" noValidate>
            <CsrfField reply={reply} />
            <input type="hidden" name="next" value={state.next} />
            <TextField
              t={t}
              id={FIELD_IDS.email}
              name="email"
              type="email"
              label={t.t('auth.email')}
              value={state.email}
              autocomplete="username"
              maxLength={254}
              required
              error={fieldErrors.email}
            />
            <TextField
              t={t}
              id={FIELD_IDS.password}
              name="password"
              type="password"
              label={t.t('auth.password')}
              autocomplete="current-password"
              maxLength={128}
              required
              error={fieldErrors.password}
            />
            <p class="actions">
              <button type="submit" class="button">
                {t.t('signIn.submit')}
              </button>
            </p>
          </form>
          <p>
            <a href="/password/forgot">{t.t('signIn.forgot')}</a>
          </p>
          <p>
            {t.t('signIn.noAccount')} <a href="/sign-up">{t.t('nav.signUp')}</a>
          </p>
          {state.unverified && <ResendForm t={t} reply={reply} email={state.email} errors={{}} headingLevel={2} />}
        </section>
        {showDemo && <DemoAccounts t={t} />}
      </div>
    ),
  });
}

function DemoAccounts({ t }: { t: T }) {
  return (
    <aside class="card" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">{t.t('dev.demoAccounts')}</h2>
      <p class="meta">{t.t('demo.intro')}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.t('auth.email')}</th>
              <th scope="col">{t.t('demo.role')}</th>
            </tr>
          </thead>
          <tbody>
            {DEMO_ACCOUNTS.map((account) => (
              <tr>
                <td>
                  <code>{account.email}</code>
                </td>
                <td>{t.t(`demo.role.${account.role}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t.t('dev.demoPassword', { password: DEMO_PASSWORD })}</p>
    </aside>
  );
}
