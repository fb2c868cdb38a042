import { importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { getInstitutionDidDocument } from './issuer-keys.ts';
import { importPublicMultikey, exportPublicJwk } from './keys.ts';
import { issueCourseCredential } from './issue-course.ts';
import { getCredential, listMyCredentials } from './credentials-store.ts';
import { checkOpenBadgeCredential } from './ob3-schema.ts';
import { createCredentialsWorld, type CredentialsWorld } from './test-credentials-world.ts';
import { verifyIndependently } from './test-independent-verifier.ts';
import { getStatusListDocument } from './status-store.ts';
import { verifyPresentedCredential } from './verify-service.ts';

let handle: DatabaseHandle;
let world: CredentialsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createCredentialsWorld(handle.db);
}, 60_000);
afterAll(() => handle.close());

type Json = Record<string, unknown>;

describe('issuing course certificates', () => {
  it('issues one Open Badges 3.0 credential for a pass, signed by the lead and endorsed by the partner', async () => {
    const passed = await world.buildPassedLearner('Amina Okafor');
    const outcomes = await world.issueDueCredentials();
    expect(outcomes).toEqual([{ status: 'issued', credentialUuid: expect.any(String) }]);

    const [summary] = await listMyCredentials(passed.ctx);
    expect(summary).toMatchObject({ kind: 'course', public: false, revokedAt: null });
    const stored = await getCredential(passed.ctx, summary!.uuid);
    const document = stored.document as Json & { proof: Json[] };
    expect(checkOpenBadgeCredential(document).ok).toBe(true);
    expect(document.proof).toHaveLength(1);
    expect(document.proof[0]).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
    const issuer = document.issuer as Json;
    expect(issuer.id).toBe(`did:web:orbis.example:institutions:${world.cast.lead.key}`);
    const subject = document.credentialSubject as Json;
    const achievement = subject.achievement as Json;
    expect(achievement).toMatchObject({ achievementType: 'Course', inLanguage: 'en' });
    expect(subject.result).toEqual([expect.objectContaining({ value: '100' })]);
    expect(document.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    const endorsements = achievement.endorsement as Json[];
    expect(endorsements).toHaveLength(1);
    expect((endorsements[0]!.issuer as Json).id).toBe(`did:web:orbis.example:institutions:${world.cast.partner.key}`);

    const report = await verifyPresentedCredential(handle.db, document, world.helpers.clock.now());
    expect(report.verdict).toBe('verified');
    expect(report.steps.map((step) => step.outcome)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
    ]);
    const jwtReport = await verifyPresentedCredential(handle.db, stored.jwt, world.helpers.clock.now());
    expect(jwtReport.verdict).toBe('verified');
    expect(jwtReport.form).toBe('jwt');
  });

  it('verifies with an independent library and plain jose, keys taken from the published DID documents', async () => {
    const passed = await world.buildPassedLearner('Li Wei');
    await world.issueDueCredentials();
    const [summary] = await listMyCredentials(passed.ctx);
    const stored = await getCredential(passed.ctx, summary!.uuid);
    const leadDocument = await getInstitutionDidDocument(handle.db, world.cast.lead.key);
    const partnerDocument = await getInstitutionDidDocument(handle.db, world.cast.partner.key);
    expect(leadDocument).not.toBeNull();
    expect(partnerDocument).not.toBeNull();
    const statusUrl = (stored.document.credentialStatus as Json).statusListCredential as string;
    const list = await getStatusListDocument(handle.db, statusUrl.split('/').pop()!);
    const result = await verifyIndependently(
      stored.document,
      [leadDocument!, partnerDocument!],
      [list!.document],
      world.helpers.clock.now(),
    );
    expect(result.error ?? null).toBeNull();
    expect(result.verified).toBe(true);
    const endorsement = ((stored.document.credentialSubject as Json).achievement as Json).endorsement as Json[];
    const endorsed = await verifyIndependently(endorsement[0]!, [partnerDocument!], [], world.helpers.clock.now());
    expect(endorsed.verified).toBe(true);

    const method = leadDocument!.verificationMethod[0]!;
    const publicKey = await importJWK(exportPublicJwk(importPublicMultikey(method.publicKeyMultibase)), 'EdDSA');
    const { payload, protectedHeader } = await jwtVerify(stored.jwt, publicKey, {
      algorithms: ['EdDSA'],
      currentDate: world.helpers.clock.now(),
    });
    expect(protectedHeader.kid).toBe(method.id);
    expect(payload).toMatchObject({ iss: leadDocument!.id, jti: stored.document.id });
  });

  it('issues exactly once under 20 parallel triggers and repeated events', async () => {
    const passed = await world.buildPassedLearner('Sofia Rossi');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        handle.db.transaction((tx) => issueCourseCredential(tx, passed.facts, world.helpers.clock.now())),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'issued')).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => ('credentialUuid' in outcome ? outcome.credentialUuid : null))).size).toBe(
      1,
    );
    await world.issueDueCredentials();
    expect(await listMyCredentials(passed.ctx)).toHaveLength(1);
  });

  it('issues nothing for a run that grants no certificate', async () => {
    const passed = await world.buildPassedLearner('Kwame Mensah');
    const outcome = await handle.db.transaction((tx) =>
      issueCourseCredential(tx, { ...passed.facts, enrollmentUuid: crypto.randomUUID(), runId: -1 }, new Date()),
    );
    expect(outcome).toMatchObject({ status: 'not_granted' });
  });

  it('shows a private credential only to its learner and the awarding institution’s staff', async () => {
    const passed = await world.buildPassedLearner('Nadia Haddad');
    await world.issueDueCredentials();
    const [summary] = await listMyCredentials(passed.ctx);
    const uuid = summary!.uuid;
    await expect(getCredential(world.registrar.ctx, uuid)).resolves.toMatchObject({ uuid });
    await expect(getCredential(world.cast.ownerAdmin.ctx, uuid)).resolves.toMatchObject({ uuid });
    for (const ctx of [
      world.cast.learner.ctx,
      world.cast.partnerAdmin.ctx,
      world.cast.otherAdmin.ctx,
      world.cast.anonymous,
    ]) {
      await expect(getCredential(ctx, uuid)).rejects.toMatchObject({ kind: 'not_found' });
    }
    await expect(getCredential(passed.ctx, 'not-a-uuid')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
