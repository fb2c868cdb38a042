import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DIGEST_FREQUENCIES,
  NOTIFICATIONS_PAGE_SIZE,
  getNotificationSettings,
  listNotifications,
  markNotificationsRead,
  updateNotificationSettings,
  type ForumNotification,
  type NotificationKind,
} from '../../../modules/discussions/index.ts';
import { localizedTextOutput } from '../courses/schemas.ts';
import { requireSignedIn, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';
import { NOTIFICATION_TAGS } from './access.ts';
import { markReadBodySchema, notificationQuerySchema, settingsBodySchema } from './schemas.ts';

const common = { tags: NOTIFICATION_TAGS, security: SIGNED_IN };
const KINDS = [
  'reply',
  'comment',
  'answer',
  'endorsement',
  'moderation',
  'circle',
] as const satisfies readonly NotificationKind[];

const notificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(KINDS),
    detail: z
      .string()
      .nullable()
      .describe('For moderation, what was done (such as hide or muted); for circle, the circle’s id.'),
    actorName: z.string().nullable().describe('Who did it; null for the platform itself.'),
    courseKey: z.string(),
    courseTitle: localizedTextOutput,
    runCode: z.string(),
    threadId: z.number().int().nullable(),
    threadTitle: z.string().nullable(),
    postId: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
    read: z.boolean(),
  })
  .meta({ id: 'ForumNotification' });

const settingsSchema = z.object({ digest: z.enum(DIGEST_FREQUENCIES), autoFollow: z.boolean() });

function presentNotification(notification: ForumNotification) {
  return {
    id: notification.id,
    kind: notification.kind,
    detail: notification.detail,
    actorName: notification.actorName,
    courseKey: notification.courseKey,
    courseTitle: { ...notification.courseTitle },
    runCode: notification.runCode,
    threadId: notification.threadId,
    threadTitle: notification.threadTitle,
    postId: notification.postId,
    createdAt: notification.createdAt.toISOString(),
    read: notification.read,
  };
}

/** The signed-in person's forum notifications across all their courses, and how they get them. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/me/notifications', {
    onRequest: requireSignedIn,
    schema: {
      ...common,
      operationId: 'listNotifications',
      summary: 'List your forum notifications',
      description: `Newest first, ${NOTIFICATIONS_PAGE_SIZE} a page, with the number still unread.`,
      querystring: notificationQuerySchema,
      response: {
        200: z.object({
          notifications: z.array(notificationSchema),
          unread: z.number().int().describe('Unread notifications in all.'),
          page: z.number().int(),
          hasMore: z.boolean(),
        }),
        ...problemResponses(400, 401),
      },
    },
    handler: async (request) => {
      const page = await listNotifications(serviceContextOf(request), request.query);
      return { ...page, notifications: page.notifications.map(presentNotification) };
    },
  });

  api.post('/api/v1/me/notifications/read', {
    onRequest: requireSignedIn,
    schema: {
      ...common,
      operationId: 'markNotificationsRead',
      summary: 'Mark some or all of your notifications read',
      description: 'Ids that are not yours, or already read, are passed over.',
      body: markReadBodySchema,
      response: {
        200: z.object({ marked: z.number().int().describe('How many were unread and are read now.') }),
        ...problemResponses(400, 401),
      },
    },
    handler: async (request) => markNotificationsRead(serviceContextOf(request), request.body),
  });

  api.get('/api/v1/me/notification-settings', {
    onRequest: requireSignedIn,
    schema: {
      ...common,
      operationId: 'getNotificationSettings',
      summary: 'Show how you are notified of forum activity',
      response: { 200: settingsSchema, ...problemResponses(401) },
    },
    handler: async (request) => getNotificationSettings(serviceContextOf(request)),
  });

  api.put('/api/v1/me/notification-settings', {
    onRequest: requireSignedIn,
    schema: {
      ...common,
      operationId: 'updateNotificationSettings',
      summary: 'Change how you are notified of forum activity',
      body: settingsBodySchema,
      response: { 200: settingsSchema, ...problemResponses(400, 401) },
    },
    handler: async (request) => updateNotificationSettings(serviceContextOf(request), request.body),
  });
}
