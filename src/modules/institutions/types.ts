import type { WorldRegion } from '../../platform/i18n/index.ts';
import type { INSTITUTION_ROLES, INSTITUTION_TYPES, LocalizedText, MEMBERSHIP_STATUSES } from './schema.ts';

export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export type InstitutionRole = (typeof INSTITUTION_ROLES)[number];

export type Institution = {
  id: number;
  uuid: string;
  key: string;
  type: InstitutionType;
  name: LocalizedText;
  shortName: string;
  country: string;
  region: WorldRegion | null;
  city: string;
  website: string | null;
  logoUrl: string | null;
  description: LocalizedText;
  membershipStatus: MembershipStatus;
  joinedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type DirectoryFilter = {
  country?: string;
  region?: WorldRegion;
  type?: InstitutionType;
  query?: string;
  page?: number;
  pageSize?: number;
  /** Orders by the name in this language, falling back to English. */
  locale?: string;
  /** 'all' includes applicants and suspended members; only the secretariat's pages ask for it. */
  visibility?: 'public' | 'all';
};

export type DirectoryPage = {
  items: Institution[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  regionCounts: Record<WorldRegion, number>;
  typeCounts: Record<InstitutionType, number>;
  /** Countries with at least one listed institution matching the text query, with counts. */
  countryCounts: Record<string, number>;
};

export type AllianceSummary = { members: number; countries: number; regions: number };

export type InstitutionPerson = {
  userId: string;
  name: string;
  email: string;
  roles: InstitutionRole[];
};

export type InvitationSummary = {
  uuid: string;
  institutionId: number;
  email: string;
  role: InstitutionRole;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
};

export type InvitationState = 'pending' | 'expired' | 'revoked' | 'accepted';

export type InvitationPreview = {
  invitation: InvitationSummary;
  state: InvitationState;
  institution: Pick<Institution, 'id' | 'key' | 'name' | 'shortName'>;
};
