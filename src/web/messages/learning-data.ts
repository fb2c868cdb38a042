import { defineMessages } from './define.ts';

/** Learning records and the learner's data export. */
export const learningDataMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
