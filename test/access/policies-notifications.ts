import type { RoutePolicy } from './route-policy.ts';

export const NOTIFICATIONS_POLICIES: RoutePolicy[] = [];
