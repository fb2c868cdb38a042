import type { RoutePolicy } from './route-policy.ts';

export const GRADE_POLICIES: RoutePolicy[] = [];
