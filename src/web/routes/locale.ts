import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { SUPPORTED_LOCALES } from '../../platform/i18n/index.ts';
import { updateCurrentProfile } from '../../modules/identity/index.ts';
import { LOCALE_COOKIE } from '../plugins/request-context.ts';
import { redirectTo } from '../render.tsx';
import { invalid } from '../../platform/errors/index.ts';

const bodySchema = z.object({
  _csrf: z.string().optional(),
  locale: z.enum(SUPPORTED_LOCALES),
  next: z.string().max(512).optional(),
});

const querySchema = bodySchema.omit({ _csrf: true });

/** The language switcher: a cookie for everyone, and the account's preference when signed in. */
export async function localeRoutes(app: FastifyInstance): Promise<void> {
  const rememberLocale = (reply: FastifyReply, locale: string) =>
    reply.setCookie(LOCALE_COOKIE, locale, {
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      sameSite: 'lax',
      httpOnly: true,
      secure: app.platform.config.env === 'production',
    });

  // Only a cookie changes here, never stored data, so a GET is safe for anonymous visitors.
  app.get('/locale', async (request, reply) => {
    const parsed = querySchema.safeParse(request.query);
    if (!parsed.success) throw invalid('locale.unsupported', 'Choose one of the offered languages.');
    rememberLocale(reply, parsed.data.locale);
    return redirectTo(reply, parsed.data.next ?? '/');
  });

  app.post('/locale', { preHandler: app.csrfProtection }, async (request, reply) => {
    const parsed = bodySchema.safeParse(request.body);
    if (!parsed.success) throw invalid('locale.unsupported', 'Choose one of the offered languages.');
    const { locale, next } = parsed.data;
    rememberLocale(reply, locale);
    if (request.viewer) {
      const { db, clock } = app.platform;
      await updateCurrentProfile({ db, clock, actor: request.viewer.actor }, { locale });
    }
    return redirectTo(reply, next ?? '/');
  });
}
