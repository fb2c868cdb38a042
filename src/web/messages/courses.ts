import { defineMessages } from './define.ts';

export const courseMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
