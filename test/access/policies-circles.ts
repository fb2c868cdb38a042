import type { RoutePolicy } from './route-policy.ts';

export const CIRCLES_POLICIES: RoutePolicy[] = [];
