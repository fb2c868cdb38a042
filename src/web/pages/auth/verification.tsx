import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EmailRequestForm } from './email-form.tsx';
import { z } from 'zod';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { callAuth, isRateLimited } from './auth-call.ts';
import { Alert, readField, type FieldErrors } from './forms.ts';
import { VERIFIED_PATH } from './sign-up.tsx';
import { emailSchema } from './validation.ts';

const emailQuery = z.object({ email: z.string().max(254).optional() });
const verifiedQuery = z.object({ error: z.string().max(100).optional() });

export async function verificationRoutes(app: FastifyInstance): Promise<void> {
  app.get('/sign-up/check-email', async (request, reply) => {
    const { t } = request;
    const parsed = emailQuery.safeParse(request.query);
    const email = parsed.success ? (parsed.data.email ?? '') : '';
    return sendPage(request, reply, {
      title: t.t('checkEmail.title'),
      body: (
        <section>
          <h1>{t.t('checkEmail.title')}</h1>
          <p class="lead">{t.t('checkEmail.body', { email })}</p>
          <p>{t.t('checkEmail.noMail')}</p>
          <ResendForm t={t} reply={reply} email={email} errors={{}} headingLevel={2} />
        </section>
      ),
    });
  });

  app.get(VERIFIED_PATH, async (request, reply) => {
    const { t, viewer } = request;
    const parsed = verifiedQuery.safeParse(request.query);
    const error = parsed.success ? parsed.data.error : 'INVALID_TOKEN';
    if (error) {
      return sendPage(request, reply, {
        title: t.t('verified.failedTitle'),
        status: 400,
        body: (
          <section>
            <h1>{t.t('verified.failedTitle')}</h1>
            <Alert kind="error">
              <p>{t.t(error === 'TOKEN_EXPIRED' ? 'verified.expired' : 'verified.invalid')}</p>
            </Alert>
            <ResendForm t={t} reply={reply} email="" errors={{}} headingLevel={2} />
          </section>
        ),
      });
    }
    return sendPage(request, reply, {
      title: t.t('verified.title'),
      body: (
        <section>
          <h1>{t.t('verified.title')}</h1>
          {viewer ? (
            <>
              <p class="lead">{t.t('verified.signedIn', { name: viewer.profile.name })}</p>
              <p class="actions">
                <a class="button" href="/account">
                  {t.t('verified.continue')}
                </a>
              </p>
            </>
          ) : (
            <>
              <p class="lead">{t.t('verified.signedOut')}</p>
              <p class="actions">
                <a class="button" href="/sign-in">
                  {t.t('nav.signIn')}
                </a>
              </p>
            </>
          )}
        </section>
      ),
    });
  });

  app.get('/verification-email', async (request, reply) => {
    const parsed = emailQuery.safeParse(request.query);
    return sendResendPage(request, reply, parsed.success ? (parsed.data.email ?? '') : '', {});
  });

  app.post('/verification-email', { preHandler: app.csrfProtection }, async (request, reply) => {
    const entered = readField(request.body, 'email');
    const parsed = emailSchema.safeParse(entered);
    if (!parsed.success) return sendResendPage(request, reply, entered, { email: 'auth.error.email' }, 400);
    const result = await callAuth(request, '/send-verification-email', {
      email: parsed.data,
      callbackURL: VERIFIED_PATH,
    });
    if (isRateLimited(result)) return sendResendPage(request, reply, entered, { _: 'auth.rateLimited' }, 429);
    // Whether the address exists, is confirmed or not, the answer is the same.
    const { t } = request;
    return sendPage(request, reply, {
      title: t.t('resend.title'),
      body: (
        <section>
          <h1>{t.t('resend.title')}</h1>
          <Alert kind="success">
            <p>{t.t('resend.sent', { email: parsed.data })}</p>
          </Alert>
          <p>
            <a href="/sign-in">{t.t('nav.signIn')}</a>
          </p>
        </section>
      ),
    });
  });
}

function sendResendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
  errors: FieldErrors,
  status = 200,
): FastifyReply {
  const { t } = request;
  return sendPage(request, reply, {
    title: t.t('resend.title'),
    status,
    body: (
      <section>
        <ResendForm t={t} reply={reply} email={email} errors={errors} headingLevel={1} />
      </section>
    ),
  });
}

/** The "send me a new link" form, used wherever a confirmation link may have gone astray. */
export function ResendForm({
  t,
  reply,
  email,
  errors,
  headingLevel,
}: {
  t: T;
  reply: FastifyReply;
  email: string;
  errors: FieldErrors;
  headingLevel: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const fieldErrors = errors;
  return (
    <>
      <Heading>{t.t('resend.title')}</Heading>
      <EmailRequestForm
        t={t}
        reply={reply}
        id="resend-email"
        action="/verification-email"
        email={email}
        errors={fieldErrors}
        submit="resend.submit"
        secondary
      />
    </>
  );
}
