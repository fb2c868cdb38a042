/**
 * Builders of unsigned Open Badges 3.0 credentials from plain data. The EU micro-credential
 * elements (Council Recommendation 2022/C 243/02, Annex I) are carried in OB 3.0 terms only,
 * so that every wallet and verifier can read them:
 *
 * | element | where |
 * |---|---|
 * | learner identification | `credentialSubject.id` (+ `identifier` with the name, unhashed, when given) |
 * | title | `achievement.name` and the credential `name` |
 * | country or region of the issuer | `issuer.address.addressCountryCode` / `addressRegion` |
 * | awarding body | `issuer` (and `achievement.creator`) |
 * | date of issue | `validFrom` and `awardedDate` |
 * | learning outcomes | `criteria.narrative`, and an `alignment` for each outcome with a URL (ESCO…) |
 * | notional workload | `creditsAvailable` (ECTS) and an `alignment` of type `ext:EUWorkload` (code `PT<h>H`) |
 * | level | `alignment` `ext:EQFLevel` to `http://data.europa.eu/snb/eqf/<n>` |
 * | type of assessment, form of participation, quality assurance, identity verification | one `alignment` each (`ext:EUAssessmentType`, `ext:EUFormOfParticipation`, `ext:EUQualityAssurance`, `ext:EUIdentityVerification`) |
 * | grade | `achievement.resultDescription` and `credentialSubject.result` |
 */
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.ts';
import type { BitstringStatusListEntry } from './status-list.ts';
import { formatDateTime } from './verification.ts';

export const EU_MICRO_CREDENTIALS_RECOMMENDATION =
  'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=celex:32022H0627(02)';
const EU_FRAMEWORK = 'Council Recommendation on micro-credentials (2022/C 243/02), Annex I';

export type IssuerProfileInput = {
  id: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
  /** ISO 3166-1 alpha-2. */
  countryCode?: string;
  region?: string;
};

export type LearningOutcome = { text: string; url?: string; framework?: string; code?: string };

export type AssessmentType =
  'testing' | 'application_of_skill' | 'portfolio' | 'recognition_of_prior_learning' | 'personalised_assessment';
export type FormOfParticipation = 'online' | 'onsite' | 'blended' | 'volunteering' | 'work_experience';
export type IdentityVerification =
  | 'unsupervised_no_verification'
  | 'supervised_no_verification'
  | 'supervised_online_verified'
  | 'supervised_onsite_verified';

export type MicroCredentialElements = {
  workloadHours: number;
  ectsCredits?: number;
  eqfLevel?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
  assessmentType: AssessmentType;
  formOfParticipation: FormOfParticipation;
  qualityAssurance: { description: string; url: string };
  identityVerification?: IdentityVerification;
};

export type CourseResultInput = {
  /** What is graded, e.g. "Final grade". */
  name: string;
  resultType: 'LetterGrade' | 'Percent' | 'GradePointAverage' | 'PassFail' | `ext:${string}`;
  value: string;
  allowedValues?: string[];
  status?: 'Completed' | 'Provisional' | 'Enrolled' | 'Failed' | 'InProgress' | 'OnHold' | 'Withdrew';
};

export type CourseCredentialInput = {
  /** The credential id (a URL or `urn:uuid:`). */
  id: string;
  issuer: IssuerProfileInput;
  learner: { id: string; name?: string };
  achievement: {
    id: string;
    name: string;
    description: string;
    criteriaNarrative: string;
    criteriaUrl?: string;
    achievementType?: 'Course' | 'MicroCredential' | 'Certificate' | 'CourseCompletion' | `ext:${string}`;
    creditsAvailable?: number;
    fieldOfStudy?: string;
    /** BCP 47 language of the course. */
    inLanguage?: string;
    humanCode?: string;
    image?: string;
    learningOutcomes?: LearningOutcome[];
  };
  result?: CourseResultInput;
  creditsEarned?: number;
  microCredential?: MicroCredentialElements;
  validFrom: Date;
  validUntil?: Date;
  awardedDate?: Date;
  credentialStatus?: BitstringStatusListEntry[];
};

type Json = Record<string, unknown>;

export function buildIssuerProfile(issuer: IssuerProfileInput): Json {
  const profile: Json = { id: issuer.id, type: ['Profile'], name: issuer.name };
  if (issuer.url) profile.url = issuer.url;
  if (issuer.email) profile.email = issuer.email;
  if (issuer.description) profile.description = issuer.description;
  if (issuer.countryCode || issuer.region) {
    const address: Json = { type: ['Address'] };
    if (issuer.countryCode) address.addressCountryCode = issuer.countryCode.toUpperCase();
    if (issuer.region) address.addressRegion = issuer.region;
    profile.address = address;
  }
  return profile;
}

function alignment(targetType: string, targetName: string, targetUrl: string, extra: Json = {}): Json {
  return { type: ['Alignment'], targetType, targetName, targetUrl, ...extra };
}

const ASSESSMENT_LABELS: Record<AssessmentType, string> = {
  testing: 'Testing',
  application_of_skill: 'Application of a skill',
  portfolio: 'Portfolio',
  recognition_of_prior_learning: 'Recognition of prior learning',
  personalised_assessment: 'Personalised assessment',
};
const PARTICIPATION_LABELS: Record<FormOfParticipation, string> = {
  online: 'Online',
  onsite: 'Onsite',
  blended: 'Blended',
  volunteering: 'Volunteering',
  work_experience: 'Work experience',
};
const VERIFICATION_LABELS: Record<IdentityVerification, string> = {
  unsupervised_no_verification: 'Unsupervised, no identity verification',
  supervised_no_verification: 'Supervised, no identity verification',
  supervised_online_verified: 'Supervised online, with identity verification',
  supervised_onsite_verified: 'Supervised onsite, with identity verification',
};

function buildMicroCredentialAlignments(elements: MicroCredentialElements): Json[] {
  if (!(elements.workloadHours > 0)) throw new Error('The notional workload must be a positive number of hours.');
  const framework = { targetFramework: EU_FRAMEWORK };
  const ects = elements.ectsCredits === undefined ? '' : ` (${elements.ectsCredits} ECTS)`;
  const alignments = [
    alignment(
      'ext:EUWorkload',
      `Notional workload: ${elements.workloadHours} hours${ects}`,
      EU_MICRO_CREDENTIALS_RECOMMENDATION,
      {
        ...framework,
        targetCode: `PT${elements.workloadHours}H`,
      },
    ),
  ];
  if (elements.eqfLevel !== undefined) {
    alignments.push(
      alignment(
        'ext:EQFLevel',
        `EQF level ${elements.eqfLevel}`,
        `http://data.europa.eu/snb/eqf/${elements.eqfLevel}`,
        {
          targetFramework: 'European Qualifications Framework',
          targetCode: String(elements.eqfLevel),
        },
      ),
    );
  }
  alignments.push(
    alignment(
      'ext:EUAssessmentType',
      `Type of assessment: ${ASSESSMENT_LABELS[elements.assessmentType]}`,
      EU_MICRO_CREDENTIALS_RECOMMENDATION,
      {
        ...framework,
        targetCode: elements.assessmentType,
      },
    ),
    alignment(
      'ext:EUFormOfParticipation',
      `Form of participation: ${PARTICIPATION_LABELS[elements.formOfParticipation]}`,
      EU_MICRO_CREDENTIALS_RECOMMENDATION,
      { ...framework, targetCode: elements.formOfParticipation },
    ),
    alignment(
      'ext:EUQualityAssurance',
      `Quality assurance: ${elements.qualityAssurance.description}`,
      elements.qualityAssurance.url,
      framework,
    ),
  );
  if (elements.identityVerification !== undefined) {
    alignments.push(
      alignment(
        'ext:EUIdentityVerification',
        `Supervision and identity verification: ${VERIFICATION_LABELS[elements.identityVerification]}`,
        EU_MICRO_CREDENTIALS_RECOMMENDATION,
        { ...framework, targetCode: elements.identityVerification },
      ),
    );
  }
  return alignments;
}

function buildCriteriaNarrative(narrative: string, outcomes: readonly LearningOutcome[]): string {
  if (outcomes.length === 0) return narrative;
  return `${narrative}\n\nLearning outcomes:\n${outcomes.map((outcome) => `- ${outcome.text}`).join('\n')}`;
}

function fragmentId(base: string, fragment: string): string {
  return `${base}${base.includes('#') ? '-' : '#'}${fragment}`;
}

/** An unsigned OpenBadgeCredential for a course, with the EU micro-credential elements when given. */
export function buildCourseCredential(input: CourseCredentialInput): Json {
  const source = input.achievement;
  const outcomes = source.learningOutcomes ?? [];
  const issuer = buildIssuerProfile(input.issuer);

  const achievement: Json = {
    id: source.id,
    type: ['Achievement'],
    name: source.name,
    description: source.description,
    criteria: {
      ...(source.criteriaUrl ? { id: source.criteriaUrl } : {}),
      narrative: buildCriteriaNarrative(source.criteriaNarrative, outcomes),
    },
    creator: issuer,
  };
  if (source.achievementType) achievement.achievementType = source.achievementType;
  const credits = source.creditsAvailable ?? input.microCredential?.ectsCredits;
  if (credits !== undefined) achievement.creditsAvailable = credits;
  if (source.fieldOfStudy) achievement.fieldOfStudy = source.fieldOfStudy;
  if (source.inLanguage) achievement.inLanguage = source.inLanguage;
  if (source.humanCode) achievement.humanCode = source.humanCode;
  if (source.image) achievement.image = { id: source.image, type: 'Image' };

  const alignments = [
    ...outcomes.flatMap((outcome) =>
      outcome.url
        ? [
            alignment('ceasn:Competency', outcome.text, outcome.url, {
              ...(outcome.framework ? { targetFramework: outcome.framework } : {}),
              ...(outcome.code ? { targetCode: outcome.code } : {}),
            }),
          ]
        : [],
    ),
    ...(input.microCredential ? buildMicroCredentialAlignments(input.microCredential) : []),
  ];
  if (alignments.length > 0) achievement.alignment = alignments;

  const subject: Json = { id: input.learner.id, type: ['AchievementSubject'], achievement };
  if (input.learner.name) {
    subject.identifier = [
      { type: 'IdentityObject', identityHash: input.learner.name, identityType: 'name', hashed: false },
    ];
  }
  if (input.creditsEarned !== undefined) subject.creditsEarned = input.creditsEarned;
  if (input.result) {
    const descriptionId = fragmentId(source.id, 'result');
    achievement.resultDescription = [
      {
        id: descriptionId,
        type: ['ResultDescription'],
        name: input.result.name,
        resultType: input.result.resultType,
        ...(input.result.allowedValues ? { allowedValue: input.result.allowedValues } : {}),
      },
    ];
    subject.result = [
      {
        type: ['Result'],
        resultDescription: descriptionId,
        value: input.result.value,
        ...(input.result.status ? { status: input.result.status } : {}),
      },
    ];
  }

  const credential: Json = {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: source.name,
    issuer,
    validFrom: formatDateTime(input.validFrom),
    awardedDate: formatDateTime(input.awardedDate ?? input.validFrom),
    credentialSubject: subject,
  };
  if (input.validUntil) credential.validUntil = formatDateTime(input.validUntil);
  if (input.credentialStatus && input.credentialStatus.length > 0) {
    credential.credentialStatus =
      input.credentialStatus.length === 1 ? input.credentialStatus[0] : input.credentialStatus;
  }
  return credential;
}

export type EndorsementInput = {
  id: string;
  /** The endorsing institution (for instance a partner of a joint course). */
  endorser: IssuerProfileInput;
  /** What is endorsed: usually an achievement id. */
  subjectId: string;
  comment?: string;
  name?: string;
  validFrom: Date;
  validUntil?: Date;
};

/** An unsigned OB 3.0 EndorsementCredential, signed later by the endorser's own key. */
export function buildEndorsement(input: EndorsementInput): Json {
  const credential: Json = {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: input.name ?? `Endorsement by ${input.endorser.name}`,
    issuer: buildIssuerProfile(input.endorser),
    validFrom: formatDateTime(input.validFrom),
    credentialSubject: {
      id: input.subjectId,
      type: ['EndorsementSubject'],
      ...(input.comment ? { endorsementComment: input.comment } : {}),
    },
  };
  if (input.validUntil) credential.validUntil = formatDateTime(input.validUntil);
  return credential;
}
