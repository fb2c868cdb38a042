import type { T } from '../../messages/index.ts';
import { NOTIFICATIONS_PATH } from './describe.ts';

/**
 * The account page's way to the notifications, with the unread count when the page knows it.
 * The site header has no per-request data of its own, so the count lives here rather than on
 * every page.
 */
export function NotificationsAccountSection({ t, unread }: { t: T; unread?: number | undefined }) {
  return (
    <section aria-labelledby="notifications-account-title">
      <h2 id="notifications-account-title">{t.t('notifications.account.title')}</h2>
      <p>{t.t('notifications.account.text')}</p>
      <p>
        <a href={NOTIFICATIONS_PATH}>
          {unread === undefined
            ? t.t('notifications.account.linkPlain')
            : t.t('notifications.account.link', { count: t.formatNumber(unread) })}
        </a>
      </p>
    </section>
  );
}
