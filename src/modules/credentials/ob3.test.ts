import { describe, expect, it } from 'vitest';
import { canonicalizeRdfcUncached, OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.ts';
import { buildCourseCredential, buildEndorsement, EU_MICRO_CREDENTIALS_RECOMMENDATION } from './ob3-build.ts';
import { checkEndorsementCredential, checkOpenBadgeCredential } from './ob3-schema.ts';
import { buildTestCourseInput, createTestInstitution, TEST_LEARNER } from './test-support.ts';

const issuer = createTestInstitution('uni-a');

describe('Open Badges 3.0 course credential', () => {
  it('builds a credential of the OB 3.0 shape whose every term the contexts define', async () => {
    const credential = buildCourseCredential(buildTestCourseInput(issuer));
    expect(checkOpenBadgeCredential(credential)).toMatchObject({ ok: true });
    expect(credential).toMatchObject({
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer.did, type: ['Profile'], address: { type: ['Address'], addressCountryCode: 'KE' } },
      validFrom: '2026-05-01T09:00:00Z',
      awardedDate: '2026-05-01T09:00:00Z',
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '94567' },
      credentialSubject: {
        id: TEST_LEARNER,
        type: ['AchievementSubject'],
        identifier: [{ type: 'IdentityObject', identityHash: 'Amina Wanjiru', identityType: 'name', hashed: false }],
        creditsEarned: 5,
        result: [{ type: ['Result'], value: '87', status: 'Completed' }],
        achievement: {
          type: ['Achievement'],
          achievementType: 'MicroCredential',
          creditsAvailable: 5,
          fieldOfStudy: 'Environmental science',
          inLanguage: 'en',
          resultDescription: [{ type: ['ResultDescription'], name: 'Final grade', resultType: 'Percent' }],
        },
      },
    });
    // Safe-mode canonicalization throws on any term the contexts leave undefined.
    const nquads = await canonicalizeRdfcUncached(credential);
    expect(nquads).toContain('"PT125H"');
    expect(nquads).toContain('"http://data.europa.eu/snb/eqf/6"^^<https://www.w3.org/2001/XMLSchema#anyURI>');
  });

  it('carries each EU micro-credential element in OB 3.0 terms', () => {
    const credential = buildCourseCredential(buildTestCourseInput(issuer));
    const achievement = (credential.credentialSubject as { achievement: Record<string, unknown> }).achievement;
    const alignments = achievement.alignment as Record<string, string>[];
    const byType = Object.fromEntries(alignments.map((alignment) => [alignment.targetType, alignment]));
    expect(Object.keys(byType)).toEqual([
      'ceasn:Competency',
      'ext:EUWorkload',
      'ext:EQFLevel',
      'ext:EUAssessmentType',
      'ext:EUFormOfParticipation',
      'ext:EUQualityAssurance',
      'ext:EUIdentityVerification',
    ]);
    expect(byType['ext:EUWorkload']).toMatchObject({
      targetCode: 'PT125H',
      targetUrl: EU_MICRO_CREDENTIALS_RECOMMENDATION,
    });
    expect(byType['ext:EQFLevel']).toMatchObject({ targetCode: '6', targetUrl: 'http://data.europa.eu/snb/eqf/6' });
    expect(byType['ext:EUAssessmentType']).toMatchObject({ targetCode: 'testing' });
    expect(byType['ext:EUFormOfParticipation']).toMatchObject({ targetCode: 'online' });
    expect(byType['ext:EUQualityAssurance']).toMatchObject({
      targetUrl: 'https://orbis.example:8443/quality/review-12',
    });
    expect((achievement.criteria as { narrative: string }).narrative).toContain(
      '- Explain a temperature anomaly chart',
    );
  });

  it('builds a plain course credential without the optional parts', async () => {
    const input = buildTestCourseInput(issuer);
    const credential = buildCourseCredential({
      id: input.id,
      issuer: { id: issuer.did, name: 'University of Testing' },
      learner: { id: TEST_LEARNER },
      achievement: {
        id: input.achievement.id,
        name: 'Course',
        description: 'A course.',
        criteriaNarrative: 'Completed it.',
      },
      validFrom: input.validFrom,
    });
    expect(checkOpenBadgeCredential(credential).ok).toBe(true);
    expect(credential).not.toHaveProperty('credentialStatus');
    await expect(canonicalizeRdfcUncached(credential)).resolves.toContain('Completed it.');
    expect(() =>
      buildCourseCredential({ ...input, microCredential: { ...input.microCredential!, workloadHours: 0 } }),
    ).toThrow(/workload/);
  });

  it('lists every shape problem as a readable line', () => {
    const credential = buildCourseCredential(buildTestCourseInput(issuer));
    const broken = {
      ...credential,
      '@context': [OB_V3_CONTEXT, VC_V2_CONTEXT],
      type: ['VerifiableCredential'],
      issuer: { id: 'not a uri', type: 'Organization' },
      validFrom: 'yesterday',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { id: 'https://x.example/a', type: ['Achievement'], name: '', description: 'd', criteria: {} },
      },
    };
    const result = checkOpenBadgeCredential(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        '@context: must start with https://www.w3.org/ns/credentials/v2',
        'type: must include OpenBadgeCredential (or its alias AchievementCredential)',
        'issuer.id: must be an absolute URI',
        'issuer.type: must include Profile',
        'validFrom: must be a date-time with a zone, such as 2027-03-01T09:00:00Z',
        'credentialSubject.achievement.name: must not be empty',
        'credentialSubject.achievement.criteria: needs an id or a narrative',
      ]),
    );
    expect(checkOpenBadgeCredential('nope')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^\(credential\): /)],
    });
  });
});

describe('Open Badges 3.0 endorsement', () => {
  it('builds an EndorsementCredential by a partner about an achievement', async () => {
    const partner = createTestInstitution('uni-b');
    const endorsement = buildEndorsement({
      id: 'urn:uuid:0d5a5d50-8f5a-4a0e-9a4e-0f2b1b3c4d5e',
      endorser: { id: partner.did, name: 'Partner University', countryCode: 'BR' },
      subjectId: 'https://orbis.example:8443/courses/climate-data/achievement',
      comment: 'Co-taught and assessed with us; we recognise it for 5 ECTS.',
      validFrom: new Date('2026-05-01T00:00:00Z'),
    });
    expect(checkEndorsementCredential(endorsement)).toMatchObject({ ok: true });
    expect(endorsement).toMatchObject({
      type: ['VerifiableCredential', 'EndorsementCredential'],
      issuer: { id: partner.did },
      credentialSubject: { type: ['EndorsementSubject'], endorsementComment: expect.stringContaining('5 ECTS') },
    });
    await expect(canonicalizeRdfcUncached(endorsement)).resolves.toContain('EndorsementSubject');
  });
});
