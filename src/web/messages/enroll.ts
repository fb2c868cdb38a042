import { defineMessages } from './define.ts';

/** Enrolling in runs, bulk enrollment. */
export const enrollMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
