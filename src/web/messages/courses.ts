import { defineMessages } from './define.ts';

/** Text of the course operations in the API reference; problem details stay in English like the rest of the API. */
export const courseMessages = defineMessages({
  en: {
    'api.docs.tag.Courses': 'Courses',
    'api.docs.tag.MOOChub': 'MOOChub feed',
  },
  'zh-Hans': {
    'api.docs.tag.Courses': '课程',
    'api.docs.tag.MOOChub': 'MOOChub 数据源',
  },
  ar: {
    'api.docs.tag.Courses': 'المقررات',
    'api.docs.tag.MOOChub': 'موجز MOOChub',
  },
});
