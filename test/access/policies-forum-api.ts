import type { RoutePolicy } from './route-policy.ts';

export const FORUM_API_POLICIES: RoutePolicy[] = [];
