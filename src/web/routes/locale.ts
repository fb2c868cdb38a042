import type { FastifyInstance } from 'fastify';
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

/** The language switcher: a cookie for everyone, and the account's preference when signed in. */
export async function localeRoutes(app: FastifyInstance): Promise<void> {
  app.post('/locale', { preHandler: app.csrfProtection }, async (request, reply) => {
    const parsed = bodySchema.safeParse(request.body);
    if (!parsed.success) throw invalid('locale.unsupported', 'Choose one of the offered languages.');
    const { locale, next } = parsed.data;
    reply.setCookie(LOCALE_COOKIE, locale, {
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      sameSite: 'lax',
      httpOnly: true,
      secure: app.platform.config.env === 'production',
    });
    if (request.viewer) {
      const { db, clock } = app.platform;
      await updateCurrentProfile({ db, clock, actor: request.viewer.actor }, { locale });
    }
    return redirectTo(reply, next ?? '/');
  });
}
