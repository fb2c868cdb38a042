import { defineMessages } from './define.ts';

export const studioContentMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
