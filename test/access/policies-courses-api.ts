import type { RoutePolicy } from './route-policy.ts';

export const COURSE_API_POLICIES: RoutePolicy[] = [];
