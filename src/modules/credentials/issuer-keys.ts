/**
 * Institutions' signing keys in the database: created on first use, rotated, marked
 * compromised; published as a did:web document. Private keys are unsealed only to sign.
 */
import type { KeyObject } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { hasInstitutionRole, type ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors/index.ts';
import { getInstitutionByKey } from '../institutions/index.ts';
import type { ProofSigner } from './data-integrity.ts';
import { buildInstitutionDid, buildInstitutionDidDocument, verificationMethodId, type DidDocument } from './did.ts';
import { exportPublicMultikey, generateEd25519KeyPair, openPrivateKey, sealPrivateKey } from './keys.ts';
import { credIssuerKey } from './schema.ts';
import { readCredentialSettings } from './settings.ts';

export type IssuerKeySummary = {
  number: number;
  verificationMethod: string;
  publicKeyMultibase: string;
  createdAt: Date;
  retiredAt: Date | null;
  compromisedAt: Date | null;
  compromisedReason: string | null;
  active: boolean;
};

type KeyRow = typeof credIssuerKey.$inferSelect;

/** Unsealed private keys by row id: unsealing per signature would cost more than signing. */
const unsealed = new Map<number, KeyObject>();

export function buildIssuerDid(institutionKey: string): string {
  return buildInstitutionDid(readCredentialSettings().baseUrl, institutionKey);
}

function isActive(row: KeyRow): boolean {
  return row.retiredAt === null && row.compromisedAt === null;
}

async function insertKey(tx: Executor, institutionId: KeyOwner, did: string, number: number, at: Date) {
  const pair = generateEd25519KeyPair();
  const sealed = await sealPrivateKey(readCredentialSettings().keyEncryption, pair, verificationMethodId(did, number));
  const [row] = await tx
    .insert(credIssuerKey)
    .values({
      institutionId,
      number,
      publicMultikey: exportPublicMultikey(pair.publicKey),
      sealedPrivateKey: sealed,
      createdAt: at,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/** Null stands for the platform's own keys. */
type KeyOwner = number | null;

function ownedBy(owner: KeyOwner) {
  return owner === null ? isNull(credIssuerKey.institutionId) : eq(credIssuerKey.institutionId, owner);
}

async function selectKeys(executor: Executor, owner: KeyOwner): Promise<KeyRow[]> {
  return executor.select().from(credIssuerKey).where(ownedBy(owner)).orderBy(asc(credIssuerKey.number));
}

/** `did:web:<host>[%3A<port>]`: the platform itself, which signs learner records. */
export function buildPlatformDid(): string {
  const url = new URL(readCredentialSettings().baseUrl);
  return `did:web:${url.port ? `${url.hostname}%3A${url.port}` : url.hostname}`;
}

/**
 * The owner's active key as a signer, creating its first key when it has none. Two
 * transactions creating one at once are serialised by an advisory lock on the owner.
 */
async function loadSigner(tx: Executor, owner: KeyOwner, did: string, at: Date): Promise<ProofSigner> {
  let [active] = await tx
    .select()
    .from(credIssuerKey)
    .where(and(ownedBy(owner), isNull(credIssuerKey.retiredAt), isNull(credIssuerKey.compromisedAt)));
  if (!active) {
    await lockKeys(tx, owner);
    const keys = await selectKeys(tx, owner);
    active = keys.find(isActive) ?? (await insertKey(tx, owner, did, nextNumber(keys), at)) ?? undefined;
    if (!active) throw new Error(`No signing key could be created for ${did}.`);
  }
  const method = verificationMethodId(did, active.number);
  let privateKey = unsealed.get(active.id);
  if (!privateKey) {
    privateKey = (await openPrivateKey(readCredentialSettings().keyEncryption, active.sealedPrivateKey, method))
      .privateKey;
    unsealed.set(active.id, privateKey);
  }
  return { verificationMethod: method, privateKey };
}

async function lockKeys(tx: Executor, owner: KeyOwner): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cred_issuer_key'), ${owner ?? 0}::int)`);
}

/** The institution's active key as a signer (created on first use). */
export function loadIssuerSigner(
  tx: Executor,
  institution: { id: number; key: string },
  at: Date,
): Promise<ProofSigner> {
  return loadSigner(tx, institution.id, buildIssuerDid(institution.key), at);
}

/** The platform's active key as a signer (created on first use). */
export function loadPlatformSigner(tx: Executor, at: Date): Promise<ProofSigner> {
  return loadSigner(tx, null, buildPlatformDid(), at);
}

/** The platform's DID document (served at /.well-known/did.json); null before its first key. */
export async function getPlatformDidDocument(executor: Executor): Promise<DidDocument | null> {
  const keys = await selectKeys(executor, null);
  if (keys.length === 0) return null;
  return buildInstitutionDidDocument(
    buildPlatformDid(),
    keys.map((row) => ({ number: row.number, publicKey: row.publicMultikey, revoked: row.compromisedAt })),
  );
}

function nextNumber(keys: readonly KeyRow[]): number {
  return keys.reduce((highest, key) => Math.max(highest, key.number), 0) + 1;
}

function toSummary(did: string, row: KeyRow): IssuerKeySummary {
  return {
    number: row.number,
    verificationMethod: verificationMethodId(did, row.number),
    publicKeyMultibase: row.publicMultikey,
    createdAt: row.createdAt,
    retiredAt: row.retiredAt,
    compromisedAt: row.compromisedAt,
    compromisedReason: row.compromisedReason,
    active: isActive(row),
  };
}

/** The DID document an institution publishes; null for an unknown institution or one with no key yet. */
export async function getInstitutionDidDocument(
  executor: Executor,
  institutionKey: string,
): Promise<DidDocument | null> {
  const institution = await getInstitutionByKey(executor, institutionKey);
  if (!institution) return null;
  const keys = await selectKeys(executor, institution.id);
  if (keys.length === 0) return null;
  const did = buildIssuerDid(institution.key);
  return buildInstitutionDidDocument(
    did,
    keys.map((row) => ({ number: row.number, publicKey: row.publicMultikey, revoked: row.compromisedAt })),
  );
}

async function requireKeyAdmin(ctx: ServiceContext, institutionKey: string) {
  const institution = await getInstitutionByKey(ctx.db, institutionKey);
  if (!institution) throw notFound('institution');
  // Not the secretariat: an institution's signing keys are its own to rotate or condemn.
  if (!hasInstitutionRole(ctx.actor, institution.id, 'admin')) {
    throw forbidden('Only the institution’s admins manage its signing keys.');
  }
  return institution;
}

/** Every key of an institution, oldest first. The institution's admins only. */
export async function listIssuerKeys(ctx: ServiceContext, institutionKey: string): Promise<IssuerKeySummary[]> {
  const institution = await requireKeyAdmin(ctx, institutionKey);
  const did = buildIssuerDid(institution.key);
  return (await selectKeys(ctx.db, institution.id)).map((row) => toSummary(did, row));
}

/**
 * Retires the active key and creates the next one. The retired key stays in the DID document
 * so what it signed still verifies.
 */
export async function rotateIssuerKey(ctx: ServiceContext, institutionKey: string): Promise<IssuerKeySummary> {
  const institution = await requireKeyAdmin(ctx, institutionKey);
  const now = ctx.clock.now();
  const did = buildIssuerDid(institution.key);
  return ctx.db.transaction(async (tx) => {
    await lockKeys(tx, institution.id);
    const keys = await selectKeys(tx, institution.id);
    const retired = keys.filter(isActive);
    for (const key of retired) {
      await tx.update(credIssuerKey).set({ retiredAt: now }).where(eq(credIssuerKey.id, key.id));
    }
    const created = await insertKey(tx, institution.id, did, nextNumber(keys), now);
    if (!created) throw new Error('The next key number was taken by another rotation.');
    await recordAudit(tx, {
      actorId: ctx.actor?.userId ?? null,
      action: 'credentials.key.rotated',
      objectType: 'issuer_key',
      objectId: verificationMethodId(did, created.number),
      institutionId: institution.id,
      before: { activeKeys: retired.map((key) => key.number) },
      after: { activeKey: created.number },
      at: now,
    });
    return toSummary(did, created);
  });
}

/**
 * Marks a key compromised from `from` on (now when not given, never in the future): proofs it
 * made from then on fail verification. An active key is replaced at once.
 */
export async function markIssuerKeyCompromised(
  ctx: ServiceContext,
  institutionKey: string,
  input: { number: number; from?: Date; reason: string },
): Promise<IssuerKeySummary> {
  const institution = await requireKeyAdmin(ctx, institutionKey);
  const now = ctx.clock.now();
  const from = input.from ?? now;
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > 500) {
    throw invalid('credentials.key.reason', 'Give a reason of 1 to 500 characters.');
  }
  if (Number.isNaN(from.getTime()) || from.getTime() > now.getTime()) {
    throw invalid('credentials.key.from', 'The compromise time must be a date in the past or now.');
  }
  const did = buildIssuerDid(institution.key);
  return ctx.db.transaction(async (tx) => {
    await lockKeys(tx, institution.id);
    const keys = await selectKeys(tx, institution.id);
    const key = keys.find((row) => row.number === input.number);
    if (!key) throw notFound('signing key');
    const wasActive = isActive(key);
    const earliest = key.compromisedAt && key.compromisedAt < from ? key.compromisedAt : from;
    const [updated] = await tx
      .update(credIssuerKey)
      .set({ compromisedAt: earliest, compromisedReason: reason, retiredAt: key.retiredAt ?? now })
      .where(eq(credIssuerKey.id, key.id))
      .returning();
    unsealed.delete(key.id);
    if (wasActive) await insertKey(tx, institution.id, did, nextNumber(keys), now);
    await recordAudit(tx, {
      actorId: ctx.actor?.userId ?? null,
      action: 'credentials.key.compromised',
      objectType: 'issuer_key',
      objectId: verificationMethodId(did, key.number),
      institutionId: institution.id,
      before: { compromisedAt: key.compromisedAt?.toISOString() ?? null },
      after: { compromisedAt: earliest.toISOString(), reason },
      at: now,
    });
    if (!updated) throw notFound('signing key');
    return toSummary(did, updated);
  });
}
