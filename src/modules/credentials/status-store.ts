/**
 * The status lists each institution publishes, in the database. A credential takes a random
 * free index of its institution's open list; revoking sets the bit and re-signs the list in the
 * same transaction, so a revocation is visible as soon as it commits (and to verifiers within
 * the list's cache time).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { addEddsaRdfc2022Proof, type ProofSigner } from './data-integrity.ts';
import {
  MIN_STATUS_LIST_LENGTH,
  StatusList,
  allocateStatusIndex,
  buildStatusListCredential,
  buildStatusListEntry,
  type BitstringStatusListEntry,
} from './status-list.ts';
import { credCredential, credStatusList } from './schema.ts';
import { buildStatusListUrl, readCredentialSettings } from './settings.ts';
import { formatDateTime } from './verification.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type ListRow = typeof credStatusList.$inferSelect;

async function signListDocument(
  list: { uuid: string; encodedList: StatusList },
  issuerDid: string,
  signer: ProofSigner,
  at: Date,
): Promise<Record<string, unknown>> {
  const settings = readCredentialSettings();
  const unsigned = buildStatusListCredential({
    id: buildStatusListUrl(settings.baseUrl, list.uuid),
    issuer: issuerDid,
    statusPurpose: 'revocation',
    list: list.encodedList,
    validFrom: formatDateTime(at),
    ttl: settings.statusListTtlSeconds * 1000,
  });
  return addEddsaRdfc2022Proof(unsigned, signer, at);
}

async function createList(
  tx: Executor,
  institutionId: number,
  issuerDid: string,
  signer: ProofSigner,
  at: Date,
): Promise<ListRow> {
  const list = StatusList.create(MIN_STATUS_LIST_LENGTH);
  const uuid = randomUUID();
  const document = await signListDocument({ uuid, encodedList: list }, issuerDid, signer, at);
  const [row] = await tx
    .insert(credStatusList)
    .values({
      uuid,
      institutionId,
      length: list.length,
      encodedList: list.encode(),
      document,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  if (!row) throw new Error('The status list was not stored.');
  return row;
}

/** A list takes new credentials until half full, so random indexes rarely collide and say little. */
async function selectOpenList(tx: Executor, institutionId: number): Promise<ListRow | undefined> {
  const [row] = await tx
    .select()
    .from(credStatusList)
    .where(
      and(eq(credStatusList.institutionId, institutionId), sql`${credStatusList.used} * 2 < ${credStatusList.length}`),
    )
    .orderBy(desc(credStatusList.id))
    .limit(1);
  return row;
}

export type ReservedStatus = { listId: number; index: number; entry: BitstringStatusListEntry };

/**
 * A random index no credential holds yet in the institution's open list (a new list when
 * none is open). Two transactions may draw the same index; the unique index on
 * (list, index) then fails the later one, which is retried.
 */
export async function reserveStatusEntry(
  tx: Executor,
  institutionId: number,
  issuerDid: string,
  signer: ProofSigner,
  at: Date,
): Promise<ReservedStatus> {
  let list = await selectOpenList(tx, institutionId);
  if (!list) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cred_status_list'), ${institutionId}::int)`);
    list = (await selectOpenList(tx, institutionId)) ?? (await createList(tx, institutionId, issuerDid, signer, at));
  }
  const chosen = list;
  const candidates = Array.from({ length: 8 }, () => allocateStatusIndex(() => false, chosen.length));
  const takenRows = await tx
    .select({ index: credCredential.statusIndex })
    .from(credCredential)
    .where(
      and(
        eq(credCredential.statusListId, chosen.id),
        sql`${credCredential.statusIndex} = any(${`{${candidates.join(',')}}`}::int[])`,
      ),
    );
  const taken = new Set(takenRows.map((row) => row.index));
  const index = candidates.find((candidate) => !taken.has(candidate));
  if (index === undefined)
    throw new Error('Eight random status indexes were all taken; the list is fuller than it should be.');
  const url = buildStatusListUrl(readCredentialSettings().baseUrl, chosen.uuid);
  return { listId: chosen.id, index, entry: buildStatusListEntry(url, 'revocation', index) };
}

/** Counts the new credential in its list; the last statement of the issuing transaction. */
export async function countStatusEntry(tx: Executor, listId: number): Promise<void> {
  await tx
    .update(credStatusList)
    .set({ used: sql`${credStatusList.used} + 1` })
    .where(eq(credStatusList.id, listId));
}

/** Sets a credential's bit and re-signs the list, holding the list's row lock until commit. */
export async function setStatusBit(
  tx: Executor,
  input: { listId: number; index: number; value: boolean; issuerDid: string; signer: ProofSigner; at: Date },
): Promise<void> {
  const [row] = await tx.select().from(credStatusList).where(eq(credStatusList.id, input.listId)).for('update');
  if (!row) throw new Error(`Status list ${input.listId} does not exist.`);
  const list = StatusList.decode(row.encodedList);
  list.set(input.index, input.value);
  const document = await signListDocument(
    { uuid: row.uuid, encodedList: list },
    input.issuerDid,
    input.signer,
    input.at,
  );
  await tx
    .update(credStatusList)
    .set({ encodedList: list.encode(), document, updatedAt: input.at })
    .where(eq(credStatusList.id, row.id));
}

/** The signed status list credential served at its URL; null for an unknown list. */
export async function getStatusListDocument(
  executor: Executor,
  uuid: string,
): Promise<{ document: Record<string, unknown>; updatedAt: Date } | null> {
  if (!UUID_PATTERN.test(uuid)) return null;
  const [row] = await executor
    .select({ document: credStatusList.document, updatedAt: credStatusList.updatedAt })
    .from(credStatusList)
    .where(eq(credStatusList.uuid, uuid));
  return row ?? null;
}
