/** Courses: joint ownership, team, versioned content, releases, runs and media. */
export * from './model.ts';
export { CERTIFICATE_POLICIES, MEDIA_PURPOSES, OWNER_ROLES, PACINGS, TEAM_ROLES } from './schema.ts';
export { canCourse, canCreateCourseFor, listCourseCapabilities, type CourseCapability } from './policies.ts';
export type { LoadedCourse } from './core.ts';
export { readCapabilities as readCourseCapabilities } from './core.ts';
export { createCourse, newCourseSchema, type NewCourse } from './service-create.ts';
export * from './api-content.ts';
export * from './api-team.ts';
export { getPublishedCourseSource, listPublishedCourseIds, type PublishedCourseSource } from './catalog-source.ts';
export { registerCourseChangeListener, type CourseChange, type CourseChangeListener } from './events.ts';
export { listPublicInstructors, type PublicInstructor } from './team-public.ts';
export { readTranscripts, type Transcript } from './transcripts.ts';
export { parseWebVtt, type Cue } from './webvtt.ts';
