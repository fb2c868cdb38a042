import { defineMessages } from './define.ts';

export const studioMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
