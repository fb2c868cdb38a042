import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../modules/identity/index.ts';
import { notFound } from '../../../platform/errors/index.ts';
import { redirectTo, sendPage } from '../../render.tsx';
import { Alert, collectFieldErrors, readField } from '../auth/forms.ts';
import { requireViewer, serviceContextOf } from './guard.ts';
import { sendAccountPage } from './view.tsx';

const tokenSchema = z.object({
  name: z.string().trim().min(1, 'account.tokens.error.name').max(100, 'account.tokens.error.name'),
  expiresInDays: z
    .string()
    .regex(/^\d{0,3}$/, 'account.tokens.error.expiry')
    .transform((value) => (value === '' ? null : Number(value)))
    .refine((days) => days === null || (days >= 1 && days <= 365), 'account.tokens.error.expiry'),
});

const revocationParams = z.object({ uuid: z.uuid() });

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  app.post('/account/tokens', { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = serviceContextOf(request, viewer);
    const values = { name: readField(request.body, 'name'), expiresInDays: readField(request.body, 'expiresInDays') };
    const parsed = tokenSchema.safeParse(values);
    if (!parsed.success) {
      const failed = { form: 'token' as const, errors: collectFieldErrors(parsed.error), values };
      return sendAccountPage(request, reply, viewer, { tokens: await listApiTokens(ctx), failed }, 400);
    }
    const { token, summary } = await createApiToken(ctx, parsed.data);
    const { t } = request;
    // The secret exists only in this response: never cached, never in a URL.
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(request, reply, {
      title: t.t('account.tokens.createdTitle', { name: summary.name }),
      body: (
        <section>
          <h1>{t.t('account.tokens.createdTitle', { name: summary.name })}</h1>
          <Alert kind="info">
            <p>{t.t('account.tokens.createdWarning')}</p>
          </Alert>
          <div class="field" data-island="copy-text">
            <label for="new-token">{t.t('account.tokens.value')}</label>
            <input id="new-token" type="text" value={token} readOnly spellcheck={false} autocomplete="off" />
            <p class="actions">
              <button
                type="button"
                class="button button-secondary button-small"
                data-copy
                hidden
                data-copied-text={t.t('account.tokens.copied')}
              >
                {t.t('account.tokens.copy')}
              </button>
              <span data-copy-status aria-live="polite"></span>
            </p>
          </div>
          <p>
            <a href="/account">{t.t('account.title')}</a>
          </p>
        </section>
      ),
    });
  });

  app.post('/account/tokens/:uuid/revocation', { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const params = revocationParams.safeParse(request.params);
    if (!params.success) throw notFound('api_token');
    await revokeApiToken(serviceContextOf(request, viewer), params.data.uuid);
    return redirectTo(reply, '/account?done=token-revoked');
  });
}
