/** Courseware: what a learner completed, watched and where they were (tables `cwr_*`). */
export { COMPLETION_KINDS } from './schema.ts';
export * from './api-courseware.ts';
export * from './api-export.ts';
