import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalid } from '../../../platform/errors/index.ts';
import { redirectTo } from '../../render.tsx';
import { DATA_SAVER_COOKIE } from './shared.ts';

const bodySchema = z.object({
  _csrf: z.string().optional(),
  enabled: z.enum(['1', '0']),
  next: z.string().max(512).optional(),
});

/** The data saver switch: only a cookie changes, for anyone, like the language switcher. */
export async function preferenceRoutes(app: FastifyInstance): Promise<void> {
  app.post('/preferences/data-saver', { preHandler: app.csrfProtection }, async (request, reply) => {
    const parsed = bodySchema.safeParse(request.body);
    if (!parsed.success) throw invalid('data_saver.invalid', 'Choose whether the data saver is on (1) or off (0).');
    reply.setCookie(DATA_SAVER_COOKIE, parsed.data.enabled, {
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      sameSite: 'lax',
      httpOnly: true,
      secure: app.platform.config.env === 'production',
    });
    return redirectTo(reply, parsed.data.next ?? '/learn');
  });
}
