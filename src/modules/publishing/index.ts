/** Publishing: the versioned-content model (entities, immutable versions, draft/published, publish log). */
export { canonicalJson, hashContent } from './hash.ts';
export {
  createEntity,
  createNextVersion,
  createPackage,
  deleteFromDraft,
  getDraftVersion,
  getEntitiesByIds,
  getVersionsByIds,
  listDraftStates,
  listPublishedStates,
  listPublishLogs,
  listUnpublishedChanges,
  publishDrafts,
  resetDraftsToPublished,
} from './service.ts';
export type { Entity, EntityState, Package, PublishLog, PublishLogRecord, Version } from './types.ts';
