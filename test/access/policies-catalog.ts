import type { RoutePolicy } from './route-policy.ts';

export const CATALOG_POLICIES: RoutePolicy[] = [];
