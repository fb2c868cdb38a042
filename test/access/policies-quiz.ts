import type { RoutePolicy } from './route-policy.ts';

const PAGES = 'src/web/pages/quiz/quiz-pages.test.ts';
const API = 'src/web/api/learning/quizzes.test.ts';
const NIL = '00000000-0000-0000-0000-000000000000';
const QUIZ_PAGE = '/learn/:courseKey/:runCode/quizzes/:blockKey';
const QUIZ_SAMPLE = '/learn/no-such-course/R1/quizzes/block-x';
const API_BASE = '/api/v1/courses/:courseKey/runs/:runCode/quizzes/:blockKey/attempts';
const API_SAMPLE = '/api/v1/courses/no-such-course/runs/R1/quizzes/block-x/attempts';

/** Quiz pages and operations: only learners enrolled in the run, and only their own attempts. */
const page = (method: 'GET' | 'POST', rest: string, sample = rest): RoutePolicy => ({
  method,
  url: `${QUIZ_PAGE}${rest}`,
  sample: `${QUIZ_SAMPLE}${sample}`,
  audience: 'enrolled',
  roleTable: PAGES,
});

const operation = (method: 'GET' | 'POST' | 'PUT', rest: string, sample = rest): RoutePolicy => ({
  method,
  url: `${API_BASE}${rest}`,
  sample: `${API_SAMPLE}${sample}`,
  audience: 'enrolled',
  roleTable: API,
});

export const QUIZ_POLICIES: RoutePolicy[] = [
  page('GET', ''),
  page('POST', '/start'),
  page('POST', '/save'),
  page('POST', '/submit'),
  page('GET', '/attempts/:attemptId', `/attempts/${NIL}`),
  operation('POST', ''),
  operation('GET', '/:attemptId', `/${NIL}`),
  operation('PUT', '/:attemptId/answers', `/${NIL}/answers`),
  operation('POST', '/:attemptId/submission', `/${NIL}/submission`),
];
