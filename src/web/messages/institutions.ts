import { defineMessages } from './define.ts';

export const institutionMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
