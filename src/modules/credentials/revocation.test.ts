import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { getCredential, listMyCredentials, revokeCredential, setCredentialVisibility } from './credentials-store.ts';
import { getInstitutionDidDocument, listIssuerKeys, markIssuerKeyCompromised, rotateIssuerKey } from './issuer-keys.ts';
import { createCredentialsWorld, type CredentialsWorld } from './test-credentials-world.ts';
import { verifyPresentedCredential } from './verify-service.ts';

let handle: DatabaseHandle;
let world: CredentialsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createCredentialsWorld(handle.db);
}, 60_000);
afterAll(() => handle.close());

async function issueTo(name: string) {
  const person = await world.buildPassedLearner(name);
  await world.issueDueCredentials();
  const [summary] = await listMyCredentials(person.ctx);
  return { person, credential: await getCredential(person.ctx, summary!.uuid) };
}

const now = () => world.helpers.clock.now();

describe('revocation', () => {
  it('lets the awarding institution’s admins and registrars revoke, with a reason, once, audited', async () => {
    const { person, credential } = await issueTo('Omar Farouk');
    await expect(revokeCredential(person.ctx, credential.uuid, 'I want to')).rejects.toMatchObject({
      kind: 'forbidden',
    });
    for (const ctx of [world.cast.otherAdmin.ctx, world.cast.partnerAdmin.ctx, world.cast.learner.ctx]) {
      await expect(revokeCredential(ctx, credential.uuid, 'Academic misconduct')).rejects.toMatchObject({
        kind: 'not_found',
      });
    }
    await expect(revokeCredential(world.cast.anonymous, credential.uuid, 'Nope')).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(revokeCredential(world.registrar.ctx, credential.uuid, ' x ')).rejects.toMatchObject({
      kind: 'invalid',
    });
    expect((await verifyPresentedCredential(handle.db, credential.jwt, now())).verdict).toBe('verified');

    const revoked = await revokeCredential(world.registrar.ctx, credential.uuid, 'Academic misconduct');
    expect(revoked).toMatchObject({ revokedReason: 'Academic misconduct', revokedAt: now() });
    await expect(revokeCredential(world.cast.ownerAdmin.ctx, credential.uuid, 'Again please')).rejects.toMatchObject({
      kind: 'conflict',
    });
    for (const input of [credential.document, credential.jwt]) {
      const report = await verifyPresentedCredential(handle.db, input, now());
      expect(report.verdict).toBe('revoked');
      expect(report.steps.find((step) => step.id === 'status')).toMatchObject({ outcome: 'failed', reason: 'revoked' });
    }
    const audit = await listAuditEvents(handle.db, { objectType: 'credential', objectId: credential.uuid });
    expect(audit).toEqual([expect.objectContaining({ action: 'credentials.revoked' })]);

    const other = await issueTo('Grace Wanjiru');
    expect((await verifyPresentedCredential(handle.db, other.credential.document, now())).verdict).toBe('verified');
  });

  it('lets only the learner make a credential public, after which anyone sees it', async () => {
    const { person, credential } = await issueTo('Lucas Silva');
    await expect(setCredentialVisibility(world.registrar.ctx, credential.uuid, true)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(getCredential(world.cast.anonymous, credential.uuid)).rejects.toMatchObject({ kind: 'not_found' });
    await setCredentialVisibility(person.ctx, credential.uuid, true);
    await expect(getCredential(world.cast.anonymous, credential.uuid)).resolves.toMatchObject({ public: true });
    await setCredentialVisibility(person.ctx, credential.uuid, false);
    await expect(getCredential(world.cast.learner.ctx, credential.uuid)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('signing keys', () => {
  it('keeps old credentials valid after a rotation and signs new ones with the next key', async () => {
    const before = await issueTo('Ana Pereira');
    const institutionKey = world.cast.lead.key;
    await expect(rotateIssuerKey(world.registrar.ctx, institutionKey)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(rotateIssuerKey(world.cast.partnerAdmin.ctx, institutionKey)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    const secretariat = await world.helpers.contextFor((await world.helpers.buildUser({ secretariat: true })).id);
    for (const attempt of [
      () => rotateIssuerKey(secretariat, institutionKey),
      () => listIssuerKeys(secretariat, institutionKey),
      () => markIssuerKeyCompromised(secretariat, institutionKey, { number: 1, reason: 'Test' }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ kind: 'forbidden' });
    }
    const rotated = await rotateIssuerKey(world.cast.ownerAdmin.ctx, institutionKey);
    expect(rotated).toMatchObject({ active: true });
    const after = await issueTo('Ben Carter');
    expect(after.credential.jwt).not.toBe(before.credential.jwt);
    expect((after.credential.document.proof as Array<Record<string, unknown>>)[0]!.verificationMethod).toBe(
      rotated.verificationMethod,
    );
    for (const input of [before.credential.jwt, before.credential.document, after.credential.jwt]) {
      expect((await verifyPresentedCredential(handle.db, input, now())).verdict).toBe('verified');
    }
    const document = await getInstitutionDidDocument(handle.db, institutionKey);
    expect(document!.verificationMethod.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses what a compromised key signed from the compromise on, and keeps earlier credentials', async () => {
    const institutionKey = world.cast.lead.key;
    const early = await issueTo('Early Learner');
    world.helpers.clock.advance(60_000);
    const compromiseAt = now();
    world.helpers.clock.advance(60_000);
    const late = await issueTo('Late Learner');
    const keys = await listIssuerKeys(world.cast.ownerAdmin.ctx, institutionKey);
    const active = keys.find((key) => key.active)!;
    await expect(
      markIssuerKeyCompromised(world.cast.ownerAdmin.ctx, institutionKey, { number: active.number, reason: '' }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await markIssuerKeyCompromised(world.cast.ownerAdmin.ctx, institutionKey, {
      number: active.number,
      from: compromiseAt,
      reason: 'Laptop stolen',
    });
    for (const input of [late.credential.jwt, late.credential.document]) {
      const report = await verifyPresentedCredential(handle.db, input, now());
      expect(report.verdict).toBe('invalid');
      expect(report.steps.find((step) => step.id === 'proof')).toMatchObject({ reason: 'key_revoked' });
    }
    expect((await verifyPresentedCredential(handle.db, early.credential.jwt, now())).verdict).toBe('verified');
    const replacement = (await listIssuerKeys(world.cast.ownerAdmin.ctx, institutionKey)).find((key) => key.active);
    expect(replacement!.number).toBeGreaterThan(active.number);
    const fresh = await issueTo('Fresh Learner');
    expect((await verifyPresentedCredential(handle.db, fresh.credential.jwt, now())).verdict).toBe('verified');
  });
});
