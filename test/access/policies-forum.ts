import type { RoutePolicy } from './route-policy.ts';

export const FORUM_POLICIES: RoutePolicy[] = [];
