import { defineMessages } from './define.ts';

export const notificationMessages = defineMessages({
  en: { 'notifications.title': 'notifications' },
  'zh-Hans': { 'notifications.title': 'notifications' },
  ar: { 'notifications.title': 'notifications' },
});
