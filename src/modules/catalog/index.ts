/** Catalog: a denormalised search document per published course; multilingual search with facets. */
export { removeCatalogEntry, upsertCatalogEntry } from './indexing.ts';
export {
  mediaPath,
  rebuildCatalog,
  refreshCatalogEntry,
  startCatalogIndexing,
  stopCatalogIndexing,
  toCatalogDocument,
} from './from-courses.ts';
export { FEW_RESULTS, searchCatalog, searchCatalogUncached } from './search.ts';
export { FACET_NAMES } from './types.ts';
export type {
  CatalogHit,
  CatalogOwner,
  CatalogPage,
  FacetCount,
  FacetName,
  LocalizedText,
  RunSummary,
} from './types.ts';
export {
  AVAILABILITIES,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  SORTS,
  catalogDocumentSchema,
  catalogQuerySchema,
  type Availability,
  type CatalogDocument,
  type CatalogOwnerInput,
  type CatalogQuery,
  type CatalogRunInput,
  type CatalogSort,
} from './validation.ts';
