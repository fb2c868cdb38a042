import { defineMessages } from './define.ts';

/** Quizzes: attempts, answers, results and receipts. */
export const quizMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  ar: {},
});
