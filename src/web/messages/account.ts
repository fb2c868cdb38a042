import { defineMessages } from './define.ts';

export const accountMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
