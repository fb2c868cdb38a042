import type { RoutePolicy } from './route-policy.ts';

export const ENROLL_POLICIES: RoutePolicy[] = [];
