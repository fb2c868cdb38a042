import type { FastifyInstance } from 'fastify';
import { summarizeAlliance } from '../../modules/institutions/index.ts';
import { sendPage } from '../render.tsx';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => {
    const { t } = request;
    const summary = await summarizeAlliance(app.platform.db);
    return sendPage(request, reply, {
      title: t.t('home.title'),
      body: (
        <>
          <section class="hero">
            <h1>{t.t('home.title')}</h1>
            <p class="lead">{t.t('home.lead')}</p>
            {summary.members > 0 && (
              <ul class="stats" aria-label={t.t('institutions.home.statsLabel')}>
                <li>{t.t('home.stats.members', { count: summary.members })}</li>
                <li>{t.t('home.stats.countries', { count: summary.countries })}</li>
                <li>{t.t('home.stats.regions', { count: summary.regions })}</li>
              </ul>
            )}
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
