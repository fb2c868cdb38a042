import type { RoutePolicy } from './route-policy.ts';

export const LEARNING_DATA_POLICIES: RoutePolicy[] = [];
