/** Shared fixtures for this module's tests: institutions with keys, resolvers, a full credential. */
import {
  buildInstitutionDid,
  buildInstitutionDidDocument,
  verificationMethodId,
  type DidDocument,
  type InstitutionKey,
} from './did.ts';
import type { ProofSigner } from './data-integrity.ts';
import { createKeyResolver, type KeyResolver } from './key-resolver.ts';
import { generateEd25519KeyPair, type Ed25519KeyPair } from './keys.ts';
import { buildCourseCredential, type CourseCredentialInput } from './ob3-build.ts';
import { buildStatusListEntry } from './status-list.ts';

export const TEST_ORIGIN = 'https://orbis.example:8443';

export type TestInstitution = {
  slug: string;
  did: string;
  keyPairs: Ed25519KeyPair[];
  keys: InstitutionKey[];
  signer: ProofSigner;
  document: DidDocument;
};

/** An institution with `keyCount` keys; the newest signs. */
export function createTestInstitution(slug: string, keyCount = 1): TestInstitution {
  const did = buildInstitutionDid(TEST_ORIGIN, slug);
  const keyPairs = Array.from({ length: keyCount }, () => generateEd25519KeyPair());
  const keys = keyPairs.map((pair, index) => ({ number: index + 1, publicKey: pair.publicKey }));
  const newest = keyPairs[keyPairs.length - 1] as Ed25519KeyPair;
  return {
    slug,
    did,
    keyPairs,
    keys,
    signer: { verificationMethod: verificationMethodId(did, keyCount), privateKey: newest.privateKey },
    document: buildInstitutionDidDocument(did, keys),
  };
}

export function signerFor(institution: TestInstitution, keyNumber: number): ProofSigner {
  const pair = institution.keyPairs[keyNumber - 1];
  if (!pair) throw new Error(`No key ${keyNumber}.`);
  return { verificationMethod: verificationMethodId(institution.did, keyNumber), privateKey: pair.privateKey };
}

/** A resolver that knows exactly these DID documents (and did:key). */
export function createTestResolver(...documents: DidDocument[]): KeyResolver {
  return createKeyResolver({
    loadDidDocument: async (did) => documents.find((document) => document.id === did) ?? null,
  });
}

export const TEST_NOW = new Date('2026-05-04T10:00:00Z');
export const TEST_LEARNER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

export function buildTestCourseInput(
  issuer: TestInstitution,
  overrides: Partial<CourseCredentialInput> = {},
): CourseCredentialInput {
  return {
    id: 'urn:uuid:6f1c2d6e-8d0a-4c39-9a0e-3b1f9f3b2a10',
    issuer: {
      id: issuer.did,
      name: 'University of Testing',
      url: 'https://orbis.example:8443/institutions/' + issuer.slug,
      countryCode: 'KE',
    },
    learner: { id: TEST_LEARNER, name: 'Amina Wanjiru' },
    achievement: {
      id: 'https://orbis.example:8443/courses/climate-data/achievement',
      name: 'Climate Data Literacy',
      description: 'Reading, cleaning and charting climate data sets.',
      criteriaNarrative: 'Passed the graded quizzes and the final project of the course.',
      achievementType: 'MicroCredential',
      fieldOfStudy: 'Environmental science',
      inLanguage: 'en',
      humanCode: 'CDL-101',
      learningOutcomes: [
        {
          text: 'Clean a climate time series',
          url: 'http://data.europa.eu/esco/skill/3b1f9f3b-2a10-4c39-9a0e-6f1c2d6e8d0a',
        },
        { text: 'Explain a temperature anomaly chart' },
      ],
    },
    result: { name: 'Final grade', resultType: 'Percent', value: '87', status: 'Completed' },
    creditsEarned: 5,
    microCredential: {
      workloadHours: 125,
      ectsCredits: 5,
      eqfLevel: 6,
      assessmentType: 'testing',
      formOfParticipation: 'online',
      qualityAssurance: {
        description: 'Internal review under ESG 2015',
        url: 'https://orbis.example:8443/quality/review-12',
      },
      identityVerification: 'supervised_online_verified',
    },
    validFrom: new Date('2026-05-01T09:00:00Z'),
    credentialStatus: [
      buildStatusListEntry('https://orbis.example:8443/status/uni-a/revocation/1', 'revocation', 94567),
    ],
    ...overrides,
  };
}

export function buildTestCredential(
  issuer: TestInstitution,
  overrides: Partial<CourseCredentialInput> = {},
): Record<string, unknown> {
  return buildCourseCredential(buildTestCourseInput(issuer, overrides));
}
