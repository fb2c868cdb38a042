import { defineMessages } from './define.ts';

export const apiMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
