import { defineMessages } from './define.ts';

export const forumMessages = defineMessages({
  en: { 'forum.title': 'forum' },
  'zh-Hans': { 'forum.title': 'forum' },
  ar: { 'forum.title': 'forum' },
});
