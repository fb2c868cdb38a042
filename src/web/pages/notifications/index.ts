import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DIGEST_FREQUENCIES,
  getNotificationSettings,
  listNotifications,
  markNotificationsRead,
  updateNotificationSettings,
  type DigestFrequency,
} from '../../../modules/discussions/index.ts';
import type { ServiceContext } from '../../../platform/access/index.ts';
import { isDomainError } from '../../../platform/errors/index.ts';
import type { Viewer } from '../../context.ts';
import type { MessageKey } from '../../messages/index.ts';
import { redirectTo } from '../../render.tsx';
import { NOTIFICATIONS_PATH, NOTIFICATIONS_READ_PATH, NOTIFICATIONS_SETTINGS_PATH } from './describe.ts';
import { listHref, sendNotificationsPage, type NotificationFilter, type NotificationsPageData } from './view.tsx';
import { pickOwnEntry } from '../../http.ts';

const DONE_NOTICES: Readonly<Record<string, MessageKey>> = {
  read: 'notifications.done.read',
  settings: 'notifications.done.settings',
};

type Fields = Record<string, unknown>;

function fieldsOf(value: unknown): Fields {
  return value && typeof value === 'object' ? (value as Fields) : {};
}

function readText(fields: Fields, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Page and filter from a query string or a form; anything odd means the first page of all. */
function readFilter(fields: Fields): NotificationFilter {
  const page = readText(fields, 'page');
  return { page: /^[1-9]\d{0,3}$/.test(page) ? Number(page) : 1, unreadOnly: readText(fields, 'unread') === '1' };
}

/** Anonymous visitors sign in first; a form posted anonymously brings them back to the list. */
function requireSignedIn(request: FastifyRequest, reply: FastifyReply): Viewer | null {
  if (request.viewer) return request.viewer;
  const back = request.method === 'GET' ? request.url : NOTIFICATIONS_PATH;
  void redirectTo(reply, `/sign-in?next=${encodeURIComponent(back)}`);
  return null;
}

function contextOf(request: FastifyRequest, viewer: Viewer): ServiceContext {
  const { db, clock } = request.server.platform;
  return { db, clock, actor: viewer.actor };
}

type RenderOptions = Pick<NotificationsPageData, 'notice' | 'digestError'> & { status?: number };

async function renderNotifications(
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: Viewer,
  filter: NotificationFilter,
  options: RenderOptions = {},
): Promise<FastifyReply> {
  const ctx = contextOf(request, viewer);
  const query = filter.unreadOnly ? { page: String(filter.page), unread: 'true' } : { page: String(filter.page) };
  const [list, settings] = await Promise.all([listNotifications(ctx, query), getNotificationSettings(ctx)]);
  const data: NotificationsPageData = {
    ...list,
    filter,
    settings,
    csrf: reply.generateCsrf(),
    notice: options.notice,
    digestError: options.digestError,
  };
  return sendNotificationsPage(request, reply, data, options.status ?? 200);
}

function readIds(fields: Fields): string[] {
  const raw = fields.ids;
  const values = Array.isArray(raw) ? raw : [raw];
  return values.filter((value): value is string => typeof value === 'string' && /^[1-9]\d{0,14}$/.test(value));
}

function withDone(href: string, done: string): string {
  return `${href}${href.includes('?') ? '&' : '?'}done=${done}`;
}

/** A person's forum notifications, newest first, with their digest and follow settings. */
export async function notificationPageRoutes(app: FastifyInstance): Promise<void> {
  app.get(NOTIFICATIONS_PATH, async (request, reply) => {
    const viewer = requireSignedIn(request, reply);
    if (!viewer) return reply;
    const query = fieldsOf(request.query);
    const done = pickOwnEntry(DONE_NOTICES, readText(query, 'done'));
    return renderNotifications(request, reply, viewer, readFilter(query), {
      notice: done ? { kind: 'success', key: done } : undefined,
    });
  });

  app.post(NOTIFICATIONS_READ_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = requireSignedIn(request, reply);
    if (!viewer) return reply;
    const body = fieldsOf(request.body);
    const filter = readFilter(body);
    const ids = readIds(body);
    const all = readText(body, 'all') === '1';
    if (!all && ids.length === 0) {
      const notice = { kind: 'error' as const, key: 'notifications.error.read' as const };
      return renderNotifications(request, reply, viewer, filter, { notice, status: 400 });
    }
    await markNotificationsRead(contextOf(request, viewer), all ? { all: true } : { ids });
    // Read items leave an unread-only list, so its pages shift: start it again.
    return redirectTo(reply, withDone(listHref(filter.unreadOnly ? { ...filter, page: 1 } : filter), 'read'));
  });

  app.post(NOTIFICATIONS_SETTINGS_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = requireSignedIn(request, reply);
    if (!viewer) return reply;
    const body = fieldsOf(request.body);
    const digest = readText(body, 'digest');
    if (!(DIGEST_FREQUENCIES as readonly string[]).includes(digest)) {
      const notice = { kind: 'error' as const, key: 'notifications.error.digest' as const };
      return renderNotifications(request, reply, viewer, readFilter({}), {
        notice,
        digestError: 'notifications.error.digest',
        status: 400,
      });
    }
    try {
      await updateNotificationSettings(contextOf(request, viewer), {
        digest: digest as DigestFrequency,
        autoFollow: readText(body, 'autoFollow') === '1',
      });
    } catch (error) {
      if (!isDomainError(error) || error.kind !== 'invalid') throw error;
      const notice = { kind: 'error' as const, key: 'notifications.error.digest' as const };
      return renderNotifications(request, reply, viewer, readFilter({}), { notice, status: 400 });
    }
    return redirectTo(reply, `${NOTIFICATIONS_PATH}?done=settings#notification-settings`);
  });
}
