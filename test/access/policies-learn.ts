import type { RoutePolicy } from './route-policy.ts';

export const LEARN_POLICIES: RoutePolicy[] = [];
