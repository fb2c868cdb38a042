import type { FastifyInstance } from 'fastify';
import { sendPage } from '../render.tsx';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => {
    const { t } = request;
    return sendPage(request, reply, {
      title: t.t('home.title'),
      body: (
        <>
          <section class="hero">
            <h1>{t.t('home.title')}</h1>
            <p class="lead">{t.t('home.lead')}</p>
            <p class="actions">
              <a class="button" href="/institutions">
                {t.t('home.browseDirectory')}
              </a>
              {!request.viewer && (
                <a class="button button-secondary" href="/sign-up">
                  {t.t('home.join')}
                </a>
              )}
            </p>
          </section>
          <section>
            <h2>{t.t('home.pillars.title')}</h2>
            <ul>
              <li>{t.t('home.pillars.teaching')}</li>
              <li>{t.t('home.pillars.capacity')}</li>
              <li>{t.t('home.pillars.sharing')}</li>
              <li>{t.t('home.pillars.advocacy')}</li>
            </ul>
          </section>
        </>
      ),
    });
  });
}
