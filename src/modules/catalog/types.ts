import type { CatalogSort, Pacing, ParsedDocument } from './validation.ts';

/** Text in several languages: BCP 47 tag → text. */
export type LocalizedText = Record<string, string>;

/** The document as kept in `cat_entry.document`: dates become ISO strings in JSON. */
export type StoredDocument = ParsedDocument;

export type CatalogLabels = { skill: Record<string, LocalizedText>; institution: Record<string, LocalizedText> };

export type CatalogOwner = {
  institutionId: number;
  key: string;
  name: LocalizedText;
  country: string;
  role: 'lead' | 'partner';
};

/** The run a learner would join next: open now, else the next scheduled start, else self-paced. */
export type RunSummary = {
  code: string;
  pacing: Pacing;
  language: string;
  startsAt: Date | null;
  endsAt: Date | null;
  enrollmentOpensAt: Date | null;
  enrollmentClosesAt: Date | null;
  isOpenNow: boolean;
  hasCertificate: boolean;
};

export type CatalogHit = {
  key: string;
  uuid: string;
  title: LocalizedText;
  shortDescription: LocalizedText;
  /** Every owner, the lead institution first. */
  owners: CatalogOwner[];
  joint: boolean;
  level: string;
  languages: string[];
  nextRun: RunSummary | null;
  imageUrl: string | null;
  workloadHours: number | null;
  publishedAt: Date;
  /** Relevance; 0 when the search has no text. */
  score: number;
};

export const FACET_NAMES = [
  'subject',
  'language',
  'institution',
  'level',
  'pacing',
  'availability',
  'certificate',
  'skill',
] as const;
export type FacetName = (typeof FACET_NAMES)[number];

/** One value of a facet; `label` is given for institutions and skills, whose values are keys. */
export type FacetCount = { value: string; count: number; label?: LocalizedText };

export type CatalogPage = {
  items: CatalogHit[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  sort: CatalogSort;
  /** True when the words did not match as written and close spellings were used instead. */
  fuzzy: boolean;
  /** Each facet counted under every filter but its own, largest first. */
  facets: Record<FacetName, FacetCount[]>;
};
