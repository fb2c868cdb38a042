import { defineMessages } from './define.ts';

/** Progress page, gradebook and overrides. */
export const gradeMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
