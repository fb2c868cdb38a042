import type { T } from '../../messages/index.ts';

export const LEARNING_DATA_PATH = '/account/learning-data';
export const LEARNING_DATA_DOWNLOAD_PATH = '/account/learning-data.json';
const API_EXPORT_PATH = '/api/v1/me/learning-data';
const API_STATEMENTS_PATH = '/api/v1/me/statements';

/** The page that says what a learning data export holds, with the link that downloads it. */
export function LearningDataView({ t }: { t: T }) {
  return (
    <>
      <h1>{t.t('learningData.title')}</h1>
      <p class="lead">{t.t('learningData.lead')}</p>
      <section aria-labelledby="learning-data-contents">
        <h2 id="learning-data-contents">{t.t('learningData.contents.title')}</h2>
        <ul>
          <li>{t.t('learningData.contents.account')}</li>
          <li>{t.t('learningData.contents.enrollments')}</li>
          <li>{t.t('learningData.contents.courseware')}</li>
          <li>{t.t('learningData.contents.assessment')}</li>
          <li>{t.t('learningData.contents.statements')}</li>
        </ul>
      </section>
      <section aria-labelledby="learning-data-left-out">
        <h2 id="learning-data-left-out">{t.t('learningData.leftOut.title')}</h2>
        <ul>
          <li>{t.t('learningData.leftOut.reveal')}</li>
          <li>{t.t('learningData.leftOut.others')}</li>
        </ul>
      </section>
      <p class="actions">
        <a class="button button-primary" href={LEARNING_DATA_DOWNLOAD_PATH} download>
          {t.t('learningData.download')}
        </a>
      </p>
      <p>{t.t('learningData.audited')}</p>
      <section aria-labelledby="learning-data-api">
        <h2 id="learning-data-api">{t.t('learningData.api.title')}</h2>
        <p>
          {t.t('learningData.api.text', {
            exportPath: `GET ${API_EXPORT_PATH}`,
            statementsPath: `GET ${API_STATEMENTS_PATH}`,
          })}
        </p>
        <p>
          <a href="/api/docs#tag-learning-records">{t.t('learningData.api.reference')}</a>
        </p>
      </section>
      <p>
        <a href="/account">{t.t('learningData.back')}</a>
      </p>
    </>
  );
}

/** The account page's pointer to the learning data page. */
export function LearningDataAccountSection({ t }: { t: T }) {
  return (
    <section aria-labelledby="learning-data-title">
      <h2 id="learning-data-title">{t.t('learningData.account.title')}</h2>
      <p>{t.t('learningData.account.text')}</p>
      <p>
        <a href={LEARNING_DATA_PATH}>{t.t('learningData.account.link')}</a>
      </p>
    </section>
  );
}
