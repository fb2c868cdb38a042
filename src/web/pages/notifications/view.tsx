import type { DigestFrequency, ForumNotification, NotificationSettings } from '../../../modules/discussions/index.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey, T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { languageAttributes } from '../../views/course-card.tsx';
import { Alert } from '../../views/forms.tsx';
import {
  NOTIFICATIONS_PATH,
  NOTIFICATIONS_READ_PATH,
  NOTIFICATIONS_SETTINGS_PATH,
  describeNotification,
} from './describe.ts';

export type NotificationFilter = { page: number; unreadOnly: boolean };

export type NotificationsPageData = {
  notifications: ForumNotification[];
  unread: number;
  page: number;
  hasMore: boolean;
  filter: NotificationFilter;
  settings: NotificationSettings;
  csrf: string;
  notice?: { kind: 'success' | 'error'; key: MessageKey } | undefined;
  digestError?: MessageKey | undefined;
};

const DIGEST_CHOICES: ReadonlyArray<{ value: DigestFrequency; key: MessageKey }> = [
  { value: 'off', key: 'notifications.settings.off' },
  { value: 'daily', key: 'notifications.settings.daily' },
  { value: 'weekly', key: 'notifications.settings.weekly' },
];

/** The list's own address with its filter, so forms bring the reader back where they were. */
export function listHref(filter: NotificationFilter): string {
  const query = new URLSearchParams();
  if (filter.unreadOnly) query.set('unread', '1');
  if (filter.page > 1) query.set('page', String(filter.page));
  const search = query.toString();
  return search ? `${NOTIFICATIONS_PATH}?${search}` : NOTIFICATIONS_PATH;
}

function FilterFields({ filter }: { filter: NotificationFilter }) {
  return (
    <>
      <input type="hidden" name="page" value={String(filter.page)} />
      {filter.unreadOnly && <input type="hidden" name="unread" value="1" />}
    </>
  );
}

function FilterLinks({ t, filter }: { t: T; filter: NotificationFilter }) {
  return (
    <nav aria-label={t.t('notifications.filter')}>
      <ul class="inline-list">
        <li>
          <a href={listHref({ page: 1, unreadOnly: false })} aria-current={filter.unreadOnly ? undefined : 'page'}>
            {t.t('notifications.filter.all')}
          </a>
        </li>
        <li>
          <a href={listHref({ page: 1, unreadOnly: true })} aria-current={filter.unreadOnly ? 'page' : undefined}>
            {t.t('notifications.filter.unread')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

function NotificationItem({ t, data, item }: { t: T; data: NotificationsPageData; item: ForumNotification }) {
  const { sentence, path, course } = describeNotification(t, item);
  return (
    <li class={item.read ? 'notification' : 'notification notification-unread'} id={`notification-${item.id}`}>
      <p>
        {!item.read && (
          <>
            <span class="badge">{t.t('notifications.unread')}</span>{' '}
          </>
        )}
        <a href={path}>{sentence}</a>
      </p>
      <p class="hint">
        <span {...languageAttributes(course, t.locale)}>{course.text}</span>
        {' · '}
        <time dateTime={item.createdAt.toISOString()}>
          {t.formatDate(item.createdAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC
        </time>
      </p>
      {!item.read && (
        <form method="post" action={NOTIFICATIONS_READ_PATH} class="inline-form">
          <input type="hidden" name="_csrf" value={data.csrf} />
          <input type="hidden" name="ids" value={String(item.id)} />
          <FilterFields filter={data.filter} />
          <button type="submit" class="link-button">
            {t.t('notifications.markOne')}
          </button>
        </form>
      )}
    </li>
  );
}

function Pagination({ t, data }: { t: T; data: NotificationsPageData }) {
  if (data.page <= 1 && !data.hasMore) return null;
  const { filter } = data;
  return (
    <nav aria-label={t.t('notifications.pages')} class="pagination">
      <ul>
        {data.page > 1 && (
          <li>
            <a href={listHref({ ...filter, page: data.page - 1 })} rel="prev">
              {t.t('notifications.newer')}
            </a>
          </li>
        )}
        <li aria-current="page">{t.t('notifications.page', { page: data.page })}</li>
        {data.hasMore && (
          <li>
            <a href={listHref({ ...filter, page: data.page + 1 })} rel="next">
              {t.t('notifications.older')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function emptyText(data: NotificationsPageData): MessageKey {
  if (data.page > 1) return 'notifications.emptyPage';
  return data.filter.unreadOnly ? 'notifications.emptyUnread' : 'notifications.empty';
}

function NotificationList({ t, data }: { t: T; data: NotificationsPageData }) {
  return (
    <section aria-labelledby="notifications-list-title">
      <h2 id="notifications-list-title">{t.t('notifications.list')}</h2>
      <p>{t.t('notifications.unreadCount', { count: data.unread })}</p>
      <FilterLinks t={t} filter={data.filter} />
      {data.unread > 0 && (
        <form method="post" action={NOTIFICATIONS_READ_PATH} class="inline-form">
          <input type="hidden" name="_csrf" value={data.csrf} />
          <input type="hidden" name="all" value="1" />
          <FilterFields filter={data.filter} />
          <button type="submit" class="button button-secondary">
            {t.t('notifications.markAll')}
          </button>
        </form>
      )}
      {data.notifications.length === 0 ? (
        <p>{t.t(emptyText(data))}</p>
      ) : (
        <ol class="notification-list">
          {data.notifications.map((item) => (
            <NotificationItem t={t} data={data} item={item} />
          ))}
        </ol>
      )}
      <Pagination t={t} data={data} />
    </section>
  );
}

function SettingsForm({ t, data }: { t: T; data: NotificationsPageData }) {
  const { settings, digestError } = data;
  return (
    <section aria-labelledby="notification-settings-title" id="notification-settings">
      <h2 id="notification-settings-title">{t.t('notifications.settings.title')}</h2>
      <form method="post" action={NOTIFICATIONS_SETTINGS_PATH} class="form">
        <input type="hidden" name="_csrf" value={data.csrf} />
        <fieldset
          class="plain-fieldset checkbox-group"
          id="notification-digest"
          aria-describedby={
            digestError ? 'notification-digest-hint notification-digest-error' : 'notification-digest-hint'
          }
        >
          <legend>{t.t('notifications.settings.digest')}</legend>
          <span class="hint" id="notification-digest-hint">
            {t.t('notifications.settings.digestHint')}
          </span>
          {digestError && (
            <span class="field-error" id="notification-digest-error">
              {t.t(digestError)}
            </span>
          )}
          {DIGEST_CHOICES.map((choice) => (
            <label class="checkbox" for={`notification-digest-${choice.value}`}>
              <input
                type="radio"
                id={`notification-digest-${choice.value}`}
                name="digest"
                value={choice.value}
                checked={settings.digest === choice.value}
              />{' '}
              <span>{t.t(choice.key)}</span>
            </label>
          ))}
        </fieldset>
        <div class="checkbox-group">
          <label class="checkbox" for="notification-auto-follow">
            <input
              type="checkbox"
              id="notification-auto-follow"
              name="autoFollow"
              value="1"
              checked={settings.autoFollow}
              aria-describedby="notification-auto-follow-hint"
            />{' '}
            <span>{t.t('notifications.settings.autoFollow')}</span>
          </label>
          <span class="hint" id="notification-auto-follow-hint">
            {t.t('notifications.settings.autoFollowHint')}
          </span>
        </div>
        <p class="actions">
          <button type="submit" class="button">
            {t.t('notifications.settings.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

function NotificationsPage({ t, data }: { t: T; data: NotificationsPageData }) {
  return (
    <>
      <p>
        <a href="/account">{t.t('account.title')}</a>
      </p>
      <h1>{t.t('notifications.title')}</h1>
      <p class="lead">{t.t('notifications.lead')}</p>
      {data.notice && (
        <Alert kind={data.notice.kind}>
          <p>{t.t(data.notice.key)}</p>
        </Alert>
      )}
      <NotificationList t={t} data={data} />
      <SettingsForm t={t} data={data} />
    </>
  );
}

export function sendNotificationsPage(
  request: FastifyRequest,
  reply: FastifyReply,
  data: NotificationsPageData,
  status: number,
): FastifyReply {
  const { t } = request;
  return sendPage(request, reply, {
    title: t.t('notifications.title'),
    status,
    body: <NotificationsPage t={t} data={data} />,
  });
}
