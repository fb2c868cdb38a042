import { localize, type Institution } from '../institutions/index.ts';
import { buildIssuerDid } from './issuer-keys.ts';
import type { IssuerProfileInput } from './ob3-build.ts';

/** An institution as an Open Badges 3.0 issuer or endorser, named in the credential's language. */
export function toIssuerProfile(institution: Institution, language: string): IssuerProfileInput {
  return {
    id: buildIssuerDid(institution.key),
    name: localize(institution.name, language),
    ...(institution.website ? { url: institution.website } : {}),
    countryCode: institution.country,
  };
}
