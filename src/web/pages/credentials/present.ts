/**
 * What a credential page shows, read from the signed document itself: the page can never claim
 * more than the credential a verifier checks.
 */

export type CredentialDisplay = {
  achievementName: string | null;
  description: string | null;
  learnerName: string | null;
  issuerName: string | null;
  endorsers: string[];
  result: { value: string; percent: boolean } | null;
  creditsEarned: number | null;
  humanCode: string | null;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readText(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value : null;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function readSubject(document: Record<string, unknown>): Record<string, unknown> {
  const subject = first(document.credentialSubject);
  return isRecord(subject) ? subject : {};
}

/** The learner's name as the credential states it: the subject's name, else its unhashed name identifier. */
export function readLearnerName(document: Record<string, unknown>): string | null {
  const subject = readSubject(document);
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier : [];
  const named = identifiers.find(
    (entry): entry is Record<string, unknown> =>
      isRecord(entry) && entry.identityType === 'name' && entry.hashed === false,
  );
  return readText(subject.name) ?? readText(named?.identityHash);
}

/** The names of the institutions whose endorsements the achievement carries. */
export function readEndorsers(achievement: Record<string, unknown>): string[] {
  const endorsements = Array.isArray(achievement.endorsement) ? achievement.endorsement : [];
  return endorsements.flatMap((endorsement) => {
    const issuer = isRecord(endorsement) ? endorsement.issuer : null;
    const name = isRecord(issuer) ? readText(issuer.name) : null;
    return name ? [name] : [];
  });
}

function readResult(subject: Record<string, unknown>, achievement: Record<string, unknown>) {
  const result = first(subject.result);
  const value = isRecord(result) ? readText(result.value) : null;
  if (!value) return null;
  const description = first(achievement.resultDescription);
  const percent = isRecord(description) && description.resultType === 'Percent';
  return { value, percent };
}

export function describeCredential(document: Record<string, unknown>): CredentialDisplay {
  const subject = readSubject(document);
  const achievement = isRecord(subject.achievement) ? subject.achievement : {};
  const issuer = document.issuer;
  const credits = subject.creditsEarned ?? achievement.creditsAvailable;
  return {
    achievementName: readText(achievement.name) ?? readText(document.name),
    description: readText(achievement.description),
    learnerName: readLearnerName(document),
    issuerName: isRecord(issuer) ? readText(issuer.name) : null,
    endorsers: readEndorsers(achievement),
    result: readResult(subject, achievement),
    creditsEarned: typeof credits === 'number' && Number.isFinite(credits) ? credits : null,
    humanCode: readText(achievement.humanCode),
  };
}

/**
 * LinkedIn's add-to-profile address for a certification: the learner lands on a pre-filled form
 * and LinkedIn links back to the public credential page.
 */
export function buildLinkedInUrl(input: {
  name: string;
  organizationName: string;
  issuedAt: Date;
  credentialUrl: string;
  credentialId: string;
}): string {
  const query = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: input.name,
    organizationName: input.organizationName,
    issueYear: String(input.issuedAt.getUTCFullYear()),
    issueMonth: String(input.issuedAt.getUTCMonth() + 1),
    certUrl: input.credentialUrl,
    certId: input.credentialId,
  });
  return `https://www.linkedin.com/profile/add?${query.toString()}`;
}
