import { defineMessages } from './define.ts';

export const circleMessages = defineMessages({
  en: { 'circles.title': 'circles' },
  'zh-Hans': { 'circles.title': 'circles' },
  ar: { 'circles.title': 'circles' },
});
