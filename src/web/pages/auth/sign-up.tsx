import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../../platform/access/index.ts';
import { getRequestScope } from '../../../platform/context/index.ts';
import { setSignUpPreferences } from '../../../modules/identity/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { callAuth, isRateLimited } from './auth-call.ts';
import {
  CountryField,
  CsrfField,
  ErrorSummary,
  LocaleField,
  TextField,
  collectFieldErrors,
  readField,
  readPassword,
  type FieldErrors,
} from './forms.ts';
import { countrySchema, emailSchema, localeSchema, nameSchema, newPasswordSchema } from './validation.ts';

/** Where Better Auth sends people after they open the confirmation link (or with ?error=). */
export const VERIFIED_PATH = '/sign-up/verified';

const signUpSchema = z.object({
  name: nameSchema('signUp.error.name'),
  email: emailSchema,
  password: newPasswordSchema,
  country: countrySchema('signUp.error.country'),
  locale: localeSchema('signUp.error.locale'),
});

type SignUpValues = { name: string; email: string; country: string; locale: string };

const FIELD_IDS = {
  name: 'sign-up-name',
  email: 'sign-up-email',
  password: 'sign-up-password',
  country: 'sign-up-country',
  locale: 'sign-up-locale',
};

export async function signUpRoutes(app: FastifyInstance): Promise<void> {
  app.get('/sign-up', async (request, reply) => {
    if (request.viewer) return redirectTo(reply, '/account');
    return sendSignUpForm(request, reply, { name: '', email: '', country: '', locale: request.locale }, {});
  });

  app.post('/sign-up', { preHandler: app.csrfProtection }, async (request, reply) => {
    const values: SignUpValues = {
      name: readField(request.body, 'name'),
      email: readField(request.body, 'email'),
      country: readField(request.body, 'country'),
      locale: readField(request.body, 'locale'),
    };
    const parsed = signUpSchema.safeParse({ ...values, password: readPassword(request.body, 'password') });
    if (!parsed.success) return sendSignUpForm(request, reply, values, collectFieldErrors(parsed.error), 400);
    const { name, email, password, country, locale } = parsed.data;
    // The confirmation mail is written in the language the person just chose.
    const result = await withMailLocale(locale, () =>
      callAuth(request, '/sign-up/email', { name, email, password, callbackURL: VERIFIED_PATH }),
    );
    if (isRateLimited(result)) return sendSignUpForm(request, reply, values, { _: 'auth.rateLimited' }, 429);
    // A taken address answers exactly like a new one, so nobody can probe who has an account.
    const taken = result.code?.startsWith('USER_ALREADY_EXISTS') ?? false;
    if (!result.ok && !taken) {
      request.log.warn({ code: result.code }, 'sign-up refused');
      return sendSignUpForm(request, reply, values, { _: 'signUp.error.failed' }, 400);
    }
    const userId = readUserId(result.body);
    if (userId) {
      const { db, clock } = app.platform;
      await setSignUpPreferences({ db, clock, actor: SYSTEM_ACTOR }, userId, { country, locale });
    }
    return redirectTo(reply, `/sign-up/check-email?email=${encodeURIComponent(email)}`);
  });
}

async function withMailLocale<T>(locale: string, work: () => Promise<T>): Promise<T> {
  const scope = getRequestScope();
  const previous = scope?.locale;
  if (scope) scope.locale = locale;
  try {
    return await work();
  } finally {
    if (scope) scope.locale = previous;
  }
}

function readUserId(body: Record<string, unknown> | null): string | null {
  const user = body?.user;
  if (!user || typeof user !== 'object') return null;
  const id = (user as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}

function sendSignUpForm(
  request: FastifyRequest,
  reply: FastifyReply,
  values: SignUpValues,
  errors: FieldErrors,
  status = 200,
): FastifyReply {
  const { t } = request;
  const fieldErrors = errors;
  return sendPage(request, reply, {
    title: t.t('signUp.title'),
    status,
    body: (
      <section>
        <h1>{t.t('signUp.title')}</h1>
        <p class="lead">{t.t('signUp.lead')}</p>
        <ErrorSummary t={t} errors={fieldErrors} fields={FIELD_IDS} />
        <form method="post" action="/sign-up" class="form" noValidate>
          <CsrfField reply={reply} />
          <TextField
            t={t}
            id={FIELD_IDS.name}
            name="name"
            label={t.t('signUp.name')}
            hint={t.t('signUp.nameHint')}
            value={values.name}
            autocomplete="name"
            maxLength={100}
            required
            error={fieldErrors.name}
          />
          <TextField
            t={t}
            id={FIELD_IDS.email}
            name="email"
            type="email"
            label={t.t('auth.email')}
            value={values.email}
            autocomplete="email"
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
            hint={t.t('auth.passwordHint')}
            autocomplete="new-password"
            maxLength={128}
            required
            error={fieldErrors.password}
          />
          <CountryField
            t={t}
            id={FIELD_IDS.country}
            name="country"
            label={t.t('signUp.country')}
            emptyLabel={t.t('signUp.countryNone')}
            value={values.country}
            error={fieldErrors.country}
          />
          <LocaleField
            t={t}
            id={FIELD_IDS.locale}
            name="locale"
            label={t.t('signUp.locale')}
            hint={t.t('signUp.localeHint')}
            value={values.locale}
            error={fieldErrors.locale}
          />
          <p class="actions">
            <button type="submit" class="button">
              {t.t('signUp.submit')}
            </button>
          </p>
        </form>
        <p>
          {t.t('signUp.haveAccount')} <a href="/sign-in">{t.t('nav.signIn')}</a>
        </p>
      </section>
    ),
  });
}
