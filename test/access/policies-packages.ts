import type { RoutePolicy } from './route-policy.ts';

export const PACKAGE_POLICIES: RoutePolicy[] = [];
