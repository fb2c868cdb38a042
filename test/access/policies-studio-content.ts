import type { RoutePolicy } from './route-policy.ts';

export const STUDIO_CONTENT_POLICIES: RoutePolicy[] = [];
