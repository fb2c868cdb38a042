import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countUnreadNotifications } from '../../../modules/discussions/index.ts';
import { listApiTokens, updateCurrentProfile } from '../../../modules/identity/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { redirectTo } from '../../render.tsx';
import { collectFieldErrors, readField } from '../auth/forms.ts';
import { countrySchema, localeSchema, nameSchema } from '../auth/validation.ts';
import { requireViewer, serviceContextOf } from './guard.ts';
import { sendAccountPage } from './view.tsx';
import { pickOwnEntry } from '../../http.ts';

const accountQuery = z.object({ done: z.string().max(40).optional(), error: z.string().max(100).optional() });

const DONE_NOTICES: Record<string, MessageKey> = {
  profile: 'account.profile.saved',
  password: 'account.password.saved',
  email: 'account.email.sent',
  'email-changed': 'account.email.changed',
  'token-revoked': 'account.tokens.revoked',
};

const profileSchema = z.object({
  name: nameSchema('account.error.name'),
  country: countrySchema('account.error.country'),
  locale: localeSchema('account.error.locale'),
  bio: z
    .string()
    .max(1000, 'account.error.bio')
    .transform((value) => value || null),
});

export async function profileRoutes(app: FastifyInstance): Promise<void> {
  app.get('/account', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const parsed = accountQuery.safeParse(request.query);
    const query = parsed.success ? parsed.data : {};
    const ctx = serviceContextOf(request, viewer);
    const [tokens, unreadNotifications] = await Promise.all([listApiTokens(ctx), countUnreadNotifications(ctx)]);
    // Better Auth comes back here with ?error= when an e-mail change link is stale.
    const done = pickOwnEntry(DONE_NOTICES, query.done);
    const notice = query.error
      ? {
          kind: 'error' as const,
          key: (query.error === 'TOKEN_EXPIRED' ? 'verified.expired' : 'verified.invalid') as MessageKey,
        }
      : done
        ? { kind: 'success' as const, key: done }
        : undefined;
    return sendAccountPage(request, reply, viewer, { tokens, unreadNotifications, notice });
  });

  app.post('/account/profile', { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const values = {
      name: readField(request.body, 'name'),
      country: readField(request.body, 'country'),
      locale: readField(request.body, 'locale'),
      bio: readField(request.body, 'bio'),
    };
    const parsed = profileSchema.safeParse(values);
    const ctx = serviceContextOf(request, viewer);
    if (!parsed.success) {
      const failed = { form: 'profile' as const, errors: collectFieldErrors(parsed.error), values };
      return sendAccountPage(request, reply, viewer, { tokens: await listApiTokens(ctx), failed }, 400);
    }
    await updateCurrentProfile(ctx, parsed.data);
    return redirectTo(reply, '/account?done=profile');
  });
}
