import { defineMessages } from './define.ts';

/** My learning, the course outline and unit pages, video and transcript. */
export const learnMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
