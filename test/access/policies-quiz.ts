import type { RoutePolicy } from './route-policy.ts';

export const QUIZ_POLICIES: RoutePolicy[] = [];
