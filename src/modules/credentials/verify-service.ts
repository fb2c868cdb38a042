/**
 * Verification for anyone: a credential as JSON, a VC-JWT, or one of ours by id, checked step
 * by step (format, Open Badges 3.0 shape, proof, the issuer's key, validity dates, status,
 * type) with a readable line for each. Bad input is a failed step, never a throw.
 */
import type { Executor } from '../../platform/db/index.ts';
import { VC_V2_CONTEXT } from './contexts.ts';
import { verifyDataIntegrityProofs } from './data-integrity.ts';
import { buildInstitutionDid, didWebToUrl } from './did.ts';
import { fetchPublicJson } from './guarded-fetch.ts';
import { getCourseByKey } from '../courses/index.ts';
import { getInstitutionById } from '../institutions/index.ts';
import { buildIssuerDid, buildPlatformDid, getInstitutionDidDocument, getPlatformDidDocument } from './issuer-keys.ts';
import { getProgramByKey } from './programs.ts';
import { findCredential, type CredentialSummary } from './credentials-store.ts';
import { createKeyResolver, type KeyResolver } from './key-resolver.ts';
import { checkOpenBadgeCredential } from './ob3-schema.ts';
import { readCredentialSettings } from './settings.ts';
import { getStatusListDocument } from './status-store.ts';
import { readStatusBit, type BitstringStatusListEntry } from './status-list.ts';
import { verifyCredentialJwt } from './vc-jwt.ts';
import { isRecord, readId } from './verification.ts';
import { verifyCredential } from './verify-credential.ts';

export const VERIFICATION_STEPS = ['format', 'shape', 'proof', 'dates', 'status', 'type'] as const;
export type VerificationStepId = (typeof VERIFICATION_STEPS)[number];
export type StepOutcome = 'passed' | 'failed' | 'skipped';
export type VerificationStep = { id: VerificationStepId; outcome: StepOutcome; detail: string; reason?: string };

export type VerificationVerdict = 'verified' | 'revoked' | 'expired' | 'not_yet_valid' | 'invalid';

export type CredentialFacts = {
  id: string | null;
  name: string | null;
  achievementName: string | null;
  issuerId: string | null;
  issuerName: string | null;
  learnerName: string | null;
  validFrom: string | null;
  validUntil: string | null;
  result: string | null;
};

export type VerificationReport = {
  verdict: VerificationVerdict;
  form: 'json' | 'jwt' | null;
  steps: VerificationStep[];
  credential: CredentialFacts | null;
};

const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const DATE_REASONS = new Set(['expired', 'not_yet_valid']);

function ownInstitutionSlug(did: string): string | null {
  const origin = new URL(readCredentialSettings().baseUrl);
  const prefix = buildInstitutionDid(origin, 'x').slice(0, -1);
  if (!did.startsWith(prefix)) return null;
  const slug = did.slice(prefix.length);
  return /^[a-z0-9-]{1,64}$/.test(slug) ? slug : null;
}

/** Our own DIDs from the database; others over https through the guard, when enabled. */
export function createPlatformKeyResolver(executor: Executor): KeyResolver {
  return createKeyResolver({
    loadDidDocument: async (did) => {
      if (did === buildPlatformDid()) return getPlatformDidDocument(executor);
      const slug = ownInstitutionSlug(did);
      if (slug) return getInstitutionDidDocument(executor, slug);
      const remote = readCredentialSettings().loadRemoteDidDocument;
      return remote ? remote(did) : null;
    },
  });
}

/** The loader production uses for other issuers' did:web documents. */
export async function loadRemoteDidWebDocument(did: string): Promise<unknown> {
  if (!did.startsWith('did:web:')) return null;
  return fetchPublicJson(didWebToUrl(did));
}

function readText(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function describe(credential: Record<string, unknown>): CredentialFacts {
  const issuer = credential.issuer;
  const subject = Array.isArray(credential.credentialSubject)
    ? credential.credentialSubject[0]
    : credential.credentialSubject;
  const subjectRecord = isRecord(subject) ? subject : {};
  const achievement = isRecord(subjectRecord.achievement) ? subjectRecord.achievement : {};
  const identifiers = Array.isArray(subjectRecord.identifier) ? subjectRecord.identifier : [];
  const nameIdentifier = identifiers.find(
    (entry) => isRecord(entry) && entry.identityType === 'name' && entry.hashed === false,
  ) as Record<string, unknown> | undefined;
  const results = Array.isArray(subjectRecord.result) ? subjectRecord.result : [];
  const firstResult = isRecord(results[0]) ? results[0] : {};
  return {
    id: readText(credential.id),
    name: readText(credential.name),
    achievementName: readText(achievement.name),
    issuerId: readId(issuer),
    issuerName: isRecord(issuer) ? readText(issuer.name) : null,
    learnerName: readText(subjectRecord.name) ?? readText(nameIdentifier?.identityHash),
    validFrom: readText(credential.validFrom),
    validUntil: readText(credential.validUntil),
    result: readText(firstResult.value),
  };
}

type Parsed = { form: 'json' | 'jwt'; value: Record<string, unknown> | string } | { error: string };

function parseInput(input: string | Record<string, unknown>): Parsed {
  if (typeof input !== 'string') return { form: 'json', value: input };
  const text = input.trim();
  if (text.length === 0) return { error: 'Nothing was given to verify.' };
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      return isRecord(value) ? { form: 'json', value } : { error: 'The JSON is not an object.' };
    } catch {
      return { error: 'This is neither valid JSON nor a compact JWT.' };
    }
  }
  if (JWT_PATTERN.test(text)) return { form: 'jwt', value: text };
  return { error: 'This is neither valid JSON nor a compact JWT.' };
}

function listStatusEntries(credential: Record<string, unknown>): unknown[] {
  const status = credential.credentialStatus;
  if (status === undefined) return [];
  return Array.isArray(status) ? status : [status];
}

async function loadStatusList(executor: Executor, url: string): Promise<unknown> {
  const settings = readCredentialSettings();
  const ownPrefix = `${settings.baseUrl}/credentials/status/`;
  if (url.startsWith(ownPrefix))
    return (await getStatusListDocument(executor, url.slice(ownPrefix.length)))?.document ?? null;
  if (!settings.loadRemoteDidDocument) return null;
  return fetchPublicJson(new URL(url));
}

/** Reads every revocation or suspension entry; a bit set, or a list that cannot be trusted, fails. */
async function checkStatus(
  executor: Executor,
  credential: Record<string, unknown>,
  resolveKey: KeyResolver,
): Promise<VerificationStep> {
  const entries = listStatusEntries(credential);
  if (entries.length === 0)
    return { id: 'status', outcome: 'skipped', detail: 'The credential has no status list entry.' };
  const issuerId = readId(credential.issuer);
  for (const raw of entries) {
    if (!isRecord(raw) || raw.type !== 'BitstringStatusListEntry' || typeof raw.statusListCredential !== 'string') {
      return {
        id: 'status',
        outcome: 'failed',
        reason: 'status_unreadable',
        detail: 'A status entry is not a BitstringStatusListEntry.',
      };
    }
    const entry = raw as unknown as BitstringStatusListEntry;
    let list: unknown;
    try {
      list = await loadStatusList(executor, entry.statusListCredential);
    } catch (error) {
      return {
        id: 'status',
        outcome: 'failed',
        reason: 'status_unreachable',
        detail: `The status list could not be fetched: ${(error as Error).message}`,
      };
    }
    if (!isRecord(list)) {
      return {
        id: 'status',
        outcome: 'failed',
        reason: 'status_unreachable',
        detail: `The status list ${entry.statusListCredential} could not be read.`,
      };
    }
    if (readId(list.issuer) !== issuerId) {
      return {
        id: 'status',
        outcome: 'failed',
        reason: 'status_untrusted',
        detail: 'The status list is not published by the credential’s issuer.',
      };
    }
    const listProof = await verifyDataIntegrityProofs(list, { resolveKey });
    if (!listProof.ok) {
      return {
        id: 'status',
        outcome: 'failed',
        reason: 'status_untrusted',
        detail: `The status list’s proof fails: ${listProof.detail}`,
      };
    }
    let set: boolean;
    try {
      set = readStatusBit(entry, list);
    } catch (error) {
      return { id: 'status', outcome: 'failed', reason: 'status_unreadable', detail: (error as Error).message };
    }
    if (set) {
      const reason = entry.statusPurpose === 'suspension' ? 'suspended' : 'revoked';
      return { id: 'status', outcome: 'failed', reason, detail: `The issuer has ${reason} this credential.` };
    }
  }
  return { id: 'status', outcome: 'passed', detail: 'Not revoked or suspended according to the issuer’s status list.' };
}

/**
 * For achievements this platform defines (a course or a program page under our origin), the
 * issuer must be the institution that leads it: institution A cannot award B's course.
 */
async function findAchievementOwner(executor: Executor, achievementId: string): Promise<string | null | undefined> {
  const baseUrl = readCredentialSettings().baseUrl;
  const match = /^\/(courses|programs)\/([a-z0-9][a-z0-9-]{0,62})$/.exec(
    achievementId.startsWith(`${baseUrl}/`) ? achievementId.slice(baseUrl.length) : '',
  );
  if (!match) return undefined;
  const leadId =
    match[1] === 'courses'
      ? (await getCourseByKey(executor, match[2]!))?.owners.find((owner) => owner.role === 'lead')?.institutionId
      : (await getProgramByKey(executor, match[2]!))?.leadInstitutionId;
  if (leadId === undefined) return null;
  const lead = await getInstitutionById(executor, leadId);
  return lead ? buildIssuerDid(lead.key) : null;
}

async function checkType(executor: Executor, credential: Record<string, unknown>): Promise<VerificationStep> {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (!types.includes('OpenBadgeCredential') && !types.includes('AchievementCredential')) {
    return {
      id: 'type',
      outcome: 'failed',
      reason: 'wrong_type',
      detail: 'This is not an Open Badges 3.0 credential.',
    };
  }
  const subject = credential.credentialSubject;
  const achievement = isRecord(subject) && isRecord(subject.achievement) ? subject.achievement : null;
  const issuerId = readId(credential.issuer);
  const creator = achievement ? readId(achievement.creator) : null;
  if (creator !== null && creator !== issuerId) {
    return {
      id: 'type',
      outcome: 'failed',
      reason: 'achievement_creator_mismatch',
      detail: `The achievement was created by ${creator}, not by the issuer.`,
    };
  }
  const achievementId = achievement ? readId(achievement) : null;
  const owner = achievementId ? await findAchievementOwner(executor, achievementId) : undefined;
  if (owner !== undefined && owner !== issuerId) {
    return {
      id: 'type',
      outcome: 'failed',
      reason: 'achievement_not_issuers',
      detail: owner
        ? `The achievement ${achievementId} is awarded by ${owner}, not by the issuer.`
        : `The achievement ${achievementId} is not one this platform awards.`,
    };
  }
  return {
    id: 'type',
    outcome: 'passed',
    detail: 'An Open Badges 3.0 credential whose achievement belongs to its issuer.',
  };
}

function finish(
  form: 'json' | 'jwt' | null,
  steps: VerificationStep[],
  credential: CredentialFacts | null,
): VerificationReport {
  const failed = steps.find((step) => step.outcome === 'failed');
  let verdict: VerificationVerdict = 'verified';
  if (failed) {
    if (failed.id === 'status' && (failed.reason === 'revoked' || failed.reason === 'suspended')) verdict = 'revoked';
    else if (failed.id === 'dates' && failed.reason && DATE_REASONS.has(failed.reason)) {
      verdict = failed.reason as VerificationVerdict;
    } else verdict = 'invalid';
  }
  const done = new Set(steps.map((step) => step.id));
  const rest = VERIFICATION_STEPS.filter((id) => !done.has(id)).map((id): VerificationStep => ({
    id,
    outcome: 'skipped',
    detail: 'Not checked after an earlier step failed.',
  }));
  const order = (step: VerificationStep) => VERIFICATION_STEPS.indexOf(step.id);
  return { verdict, form, steps: [...steps, ...rest].sort((left, right) => order(left) - order(right)), credential };
}

/** Verifies a credential given as JSON (object or text) or as a compact VC-JWT. */
export async function verifyPresentedCredential(
  executor: Executor,
  input: string | Record<string, unknown>,
  now: Date,
): Promise<VerificationReport> {
  const parsed = parseInput(input);
  if ('error' in parsed) {
    return finish(null, [{ id: 'format', outcome: 'failed', reason: 'unreadable', detail: parsed.error }], null);
  }
  const resolveKey = createPlatformKeyResolver(executor);
  const steps: VerificationStep[] = [];
  let credential: Record<string, unknown>;
  let proofFailure: { reason: string; detail: string } | null = null;
  let proofDetail = '';
  if (parsed.form === 'jwt') {
    const result = await verifyCredentialJwt(parsed.value as string, { resolveKey, now });
    steps.push({ id: 'format', outcome: 'passed', detail: 'A compact VC-JWT.' });
    if (!result.ok) {
      const dateFailure = DATE_REASONS.has(result.reason);
      steps.push(
        dateFailure
          ? { id: 'proof', outcome: 'passed', detail: 'The JWT signature verifies with the issuer’s key.' }
          : { id: 'proof', outcome: 'failed', reason: result.reason, detail: result.detail },
      );
      if (dateFailure) steps.push({ id: 'dates', outcome: 'failed', reason: result.reason, detail: result.detail });
      return finish('jwt', steps, null);
    }
    credential = result.credential;
    proofDetail = `The JWT is signed with ${result.verificationMethod}, a key of the issuer.`;
  } else {
    credential = parsed.value as Record<string, unknown>;
    steps.push({ id: 'format', outcome: 'passed', detail: 'A JSON credential with an embedded proof.' });
    const contexts = credential['@context'];
    if (!Array.isArray(contexts) || contexts[0] !== VC_V2_CONTEXT) {
      steps.push({
        id: 'shape',
        outcome: 'failed',
        reason: 'malformed_credential',
        detail: `The first context must be ${VC_V2_CONTEXT}.`,
      });
      return finish('json', steps, describe(credential));
    }
    const result = await verifyCredential(credential, { resolveKey, now });
    if (!result.ok) proofFailure = { reason: result.reason, detail: result.detail };
    else proofDetail = `Signed (eddsa-rdfc-2022) with ${result.verifiedBy.join(', ')}, a key of the issuer.`;
  }
  const facts = describe(credential);
  const shape = checkOpenBadgeCredential(credential);
  steps.push(
    shape.ok
      ? { id: 'shape', outcome: 'passed', detail: 'Has every field Open Badges 3.0 requires.' }
      : { id: 'shape', outcome: 'failed', reason: 'shape', detail: shape.problems.slice(0, 5).join('; ') },
  );
  if (!shape.ok) return finish(parsed.form, steps, facts);
  if (proofFailure) {
    if (DATE_REASONS.has(proofFailure.reason)) {
      steps.push({ id: 'proof', outcome: 'passed', detail: 'The proof verifies with the issuer’s key.' });
      steps.push({ id: 'dates', outcome: 'failed', reason: proofFailure.reason, detail: proofFailure.detail });
    } else {
      steps.push({ id: 'proof', outcome: 'failed', reason: proofFailure.reason, detail: proofFailure.detail });
    }
    return finish(parsed.form, steps, facts);
  }
  steps.push({ id: 'proof', outcome: 'passed', detail: proofDetail });
  steps.push({ id: 'dates', outcome: 'passed', detail: 'Within its validity period.' });
  const status = await checkStatus(executor, credential, resolveKey);
  steps.push(status);
  if (status.outcome === 'failed') return finish(parsed.form, steps, facts);
  steps.push(await checkType(executor, credential));
  return finish(parsed.form, steps, facts);
}

/**
 * The verification the link printed on a certificate opens: one of our credentials by id,
 * checked from its stored document whoever asks. The id is random (UUID v4) and known only to
 * those the learner gave the certificate or the link; the report names the achievement, the
 * learner, the issuer and the dates, never the rest of a private credential.
 */
export async function verifyStoredCredential(
  executor: Executor,
  uuid: string,
  now: Date,
): Promise<{ report: VerificationReport; summary: CredentialSummary } | null> {
  const stored = await findCredential(executor, uuid);
  if (!stored) return null;
  const { document: _document, jwt: _jwt, ...summary } = stored;
  return { report: await verifyPresentedCredential(executor, stored.document, now), summary };
}
