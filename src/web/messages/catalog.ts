import { defineMessages } from './define.ts';

export const catalogMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
