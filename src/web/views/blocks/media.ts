/** Where a learner's browser fetches an uploaded file of a course; pages may pass their own. */
export type MediaUrl = (mediaUuid: string) => string;

export const defaultMediaUrl: MediaUrl = (mediaUuid) => `/media/${encodeURIComponent(mediaUuid)}`;
