import type { ForumDigest } from '../../modules/discussions/index.ts';
import { DEFAULT_LOCALE, matchLocale } from '../../platform/i18n/index.ts';
import type { OutgoingMail } from '../../platform/mail/index.ts';
import { getTranslator, type T } from '../messages/index.ts';
import { NOTIFICATIONS_PATH, describeNotification } from '../pages/notifications/describe.ts';

export type DigestMailOptions = { baseUrl: string };

type DigestLine = { sentence: string; course: string; courseLang: string; date: string; url: string };

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Names and titles come from other people: never trusted as markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

function describeLines(t: T, digest: ForumDigest, baseUrl: string): DigestLine[] {
  return digest.notifications.map((notification) => {
    const { sentence, path, course } = describeNotification(t, notification);
    return {
      sentence,
      course: course.text,
      courseLang: course.lang,
      date: t.formatDate(notification.createdAt),
      url: `${baseUrl}${path}`,
    };
  });
}

function composeText(t: T, digest: ForumDigest, lines: DigestLine[], links: { all: string; settings: string }) {
  const items = lines.map((line) => `• ${line.sentence}\n  ${line.course} · ${line.date}\n  ${line.url}`);
  return [
    t.t('notifications.digest.greeting', { name: digest.recipient.name }),
    t.t('notifications.digest.intro'),
    items.join('\n\n'),
    ...(digest.more > 0 ? [t.t('notifications.digest.more', { count: digest.more })] : []),
    `${t.t('notifications.digest.open')}: ${links.all}`,
    `${t.t('notifications.digest.settings')}: ${links.settings}`,
    t.t('notifications.digest.signature'),
  ].join('\n\n');
}

function composeHtml(t: T, digest: ForumDigest, lines: DigestLine[], links: { all: string; settings: string }) {
  const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;
  const link = (url: string, text: string) => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
  const items = lines.map(
    (line) =>
      `<li>${link(line.url, line.sentence)}<br><small><span lang="${escapeHtml(line.courseLang)}" dir="auto">${escapeHtml(
        line.course,
      )}</span> · ${escapeHtml(line.date)}</small></li>`,
  );
  return [
    `<!doctype html><html lang="${t.locale}" dir="${t.dir}"><head><meta charset="utf-8"></head><body>`,
    paragraph(t.t('notifications.digest.greeting', { name: digest.recipient.name })),
    paragraph(t.t('notifications.digest.intro')),
    `<ul>${items.join('')}</ul>`,
    digest.more > 0 ? paragraph(t.t('notifications.digest.more', { count: digest.more })) : '',
    `<p>${link(links.all, t.t('notifications.digest.open'))}</p>`,
    `<p>${link(links.settings, t.t('notifications.digest.settings'))}</p>`,
    paragraph(t.t('notifications.digest.signature')),
    '</body></html>',
  ].join('\n');
}

/**
 * The forum digest e-mail in the recipient's language (their profile's, else English): one
 * line per notification with an absolute link to it, and how to change or stop the digest.
 * It names people only as the forum shows them, never by address.
 */
export function composeForumDigest(digest: ForumDigest, options: DigestMailOptions): OutgoingMail {
  const locale = matchLocale(digest.recipient.locale ?? '') ?? DEFAULT_LOCALE;
  const t = getTranslator(locale);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const lines = describeLines(t, digest, baseUrl);
  const links = {
    all: `${baseUrl}${NOTIFICATIONS_PATH}`,
    settings: `${baseUrl}${NOTIFICATIONS_PATH}#notification-settings`,
  };
  return {
    to: digest.recipient.email,
    subject: t.t('notifications.digest.subject', { count: digest.notifications.length + digest.more }),
    text: composeText(t, digest, lines, links),
    html: composeHtml(t, digest, lines, links),
    kind: 'forum.digest',
    locale,
  };
}
