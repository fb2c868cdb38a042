import { defineMessages } from './define.ts';

export const packageMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
