import { betterAuth } from 'better-auth';
import { createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { enqueueMail } from '../../platform/mail/index.ts';
import { forgetSession, forgetSessionsOfUser, forgetUserProfile } from './caches.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { idnAccount, idnRateLimit, idnSession, idnUser, idnVerification } from './schema.ts';

/** Renders an account e-mail in the reader's language; supplied by the web layer. */
export type AccountMailComposer = (
  kind: AccountMailKind,
  input: { name: string; url: string; newEmail?: string },
) => { subject: string; text: string; locale: string };

/** `sign-up-attempt` tells an account holder that someone tried to register their address again. */
export type AccountMailKind = 'verify-email' | 'reset-password' | 'change-email' | 'sign-up-attempt';

/** Where an account holder goes from a sign-up-attempt notice: sign-in help, not a token. */
export const FORGOT_PASSWORD_PATH = '/password/forgot';

export type AuthDependencies = {
  db: Database;
  config: Pick<Config, 'baseUrl' | 'secret' | 'rateLimit' | 'trustProxy'>;
  composeMail: AccountMailComposer;
};

const AUDITED_PATHS: Record<string, string> = {
  '/sign-up/email': 'auth.sign_up',
  '/sign-in/email': 'auth.sign_in',
  '/verify-email': 'auth.email_verified',
  '/request-password-reset': 'auth.password_reset_requested',
  '/reset-password': 'auth.password_reset',
  '/change-password': 'auth.password_changed',
  '/change-email': 'auth.email_change_requested',
  '/revoke-other-sessions': 'auth.sessions_revoked',
};

export function createAuth({ db, config, composeMail }: AuthDependencies) {
  const queueMail = async (
    to: string,
    kind: Parameters<AccountMailComposer>[0],
    input: Parameters<AccountMailComposer>[1],
  ) => {
    const mail = composeMail(kind, input);
    await enqueueMail(db, { to: to.toLowerCase(), kind, subject: mail.subject, text: mail.text, locale: mail.locale });
  };

  return betterAuth({
    appName: 'Orbis',
    baseURL: config.baseUrl,
    basePath: '/api/auth',
    secret: config.secret,
    telemetry: { enabled: false },
    trustedOrigins: [config.baseUrl],
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: idnUser,
        session: idnSession,
        account: idnAccount,
        verification: idnVerification,
        rateLimit: idnRateLimit,
      },
    }),
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      autoSignIn: false,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      password: { hash: hashPassword, verify: verifyPassword },
      sendResetPassword: async ({ user, url }) => queueMail(user.email, 'reset-password', { name: user.name, url }),
      // Sign-up answers the same for taken addresses; the owner hears about it instead.
      onExistingUserSignUp: async ({ user }) =>
        queueMail(user.email, 'sign-up-attempt', {
          name: user.name,
          url: new URL(FORGOT_PASSWORD_PATH, config.baseUrl).toString(),
        }),
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: 24 * 60 * 60,
      sendVerificationEmail: async ({ user, url, token }) =>
        isEmailChangeToken(token)
          ? queueMail(user.email, 'change-email', { name: user.name, url, newEmail: user.email })
          : queueMail(user.email, 'verify-email', { name: user.name, url }),
    },
    user: { changeEmail: { enabled: true } },
    // The request context caches sessions and profiles (ADR 0021): forget them as soon as Better
    // Auth deletes a session (sign-out, revocation, password reset) or changes an account.
    databaseHooks: {
      session: { delete: { after: async (session) => forgetSession(session.id) } },
      user: {
        update: { after: async (user) => forgetChangedUser(user) },
        delete: {
          after: async (user) => {
            forgetChangedUser(user);
            forgetSessionsOfUser(user.id);
          },
        },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: config.rateLimit,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: 60, max: 10 },
        '/sign-up/email': { window: 60, max: 10 },
        '/request-password-reset': { window: 60, max: 5 },
        '/send-verification-email': { window: 60, max: 5 },
        '/change-password': { window: 60, max: 10 },
        '/change-email': { window: 60, max: 5 },
      },
    },
    advanced: {
      cookiePrefix: 'orbis',
      useSecureCookies: config.baseUrl.startsWith('https://'),
      database: { generateId: 'uuid' },
      ipAddress: { ipAddressHeaders: config.trustProxy ? ['x-forwarded-for'] : ['x-orbis-client-ip'] },
    },
    hooks: {
      // Sign-out deletes the session, so who signed out is known only before it runs.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-out') return;
        const session = await getSessionFromCtx(ctx).catch(() => null);
        if (!session) return;
        await recordAudit(db, {
          actorId: session.user.id,
          action: 'auth.sign_out',
          objectType: 'user',
          objectId: session.user.id,
        });
      }),
      after: createAuthMiddleware(async (ctx) => {
        const action = AUDITED_PATHS[ctx.path];
        if (!action) return;
        const returned: unknown = ctx.context.returned;
        // Redirects (verification links with a callbackURL) travel as APIErrors too; they are successes.
        const failed = isAPIError(returned) ? returned.statusCode >= 400 : returned instanceof Error;
        const actorId = ctx.context.newSession?.user.id ?? ctx.context.session?.user.id ?? null;
        const email = readAuditedEmail(ctx.body);
        await recordAudit(db, {
          actorId,
          action: failed ? `${action}_failed` : action,
          objectType: 'user',
          objectId: actorId,
          after: email ? { email } : null,
        });
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Better Auth passes null when an update matched no row. */
function forgetChangedUser(user: { id: string } | null): void {
  if (user) forgetUserProfile(user.id);
}

function readAuditedEmail(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { email, newEmail } = body as { email?: unknown; newEmail?: unknown };
  const value = typeof email === 'string' ? email : typeof newEmail === 'string' ? newEmail : undefined;
  return value?.trim().toLowerCase().slice(0, 320);
}

/**
 * Better Auth sends the link that completes an e-mail change through the same callback as a
 * sign-up verification; the signed token's requestType tells them apart. The token was just
 * minted by Better Auth, so reading its payload without verifying is safe here.
 */
function isEmailChangeToken(token: string): boolean {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return (payload as { requestType?: unknown }).requestType === 'change-email-verification';
  } catch {
    return false;
  }
}
