/**
 * The rules of xAPI 2.0 (IEEE 9274.1.1) that a statement of this store must keep, checked on
 * every write: a record that breaks them could never be handed to another LRS, and an
 * append-only store cannot repair it afterwards.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
/** ISO 8601 / RFC 3339 date and time with a zone; xAPI 2.0 forbids the offset -00:00. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER = String.raw`\d+(?:\.\d+)?`;
const DURATION = new RegExp(
  `^P(?!$)(${NUMBER}Y)?(${NUMBER}M)?(${NUMBER}W)?(${NUMBER}D)?(T(?=\\d)(${NUMBER}H)?(${NUMBER}M)?(${NUMBER}S)?)?$`,
);

const STATEMENT_KEYS = new Set([
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
]);
const RESULT_KEYS = new Set(['score', 'success', 'completion', 'response', 'duration', 'extensions']);
const CONTEXT_KEYS = new Set([
  'registration',
  'instructor',
  'team',
  'contextActivities',
  'contextAgents',
  'contextGroups',
  'revision',
  'platform',
  'language',
  'statement',
  'extensions',
]);
const CONTEXT_ACTIVITY_KEYS = new Set(['parent', 'grouping', 'category', 'other']);
const ACTOR_KEYS = new Set(['objectType', 'account']);
const ACCOUNT_KEYS = new Set(['homePage', 'name']);
const VERB_KEYS = new Set(['id', 'display']);
const ACTIVITY_KEYS = new Set(['objectType', 'id', 'definition']);
const DEFINITION_KEYS = new Set(['type', 'name', 'description', 'moreInfo']);
const SCORE_KEYS = new Set(['scaled', 'raw', 'min', 'max']);

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/*
 * Parsing a URL is the dearest check of a statement, and the same IRIs (the platform, verbs,
 * activity types, a run's quizzes and questions) come back in nearly every one: IRIs found valid
 * are remembered, up to a bound, so one learner's flood of new IRIs cannot grow the memory.
 */
const IRI_MEMORY = 20_000;
const knownIris = new Set<string>();

export function isAbsoluteIri(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (knownIris.has(value)) return true;
  if (!SCHEME.test(value)) return false;
  try {
    new URL(value);
  } catch {
    return false;
  }
  if (knownIris.size < IRI_MEMORY) knownIris.add(value);
  return true;
}

/*
 * Canonicalising a tag costs more than building the rest of a statement, and a platform uses a
 * handful of tags; answers are remembered, the memory bounded against tags from outside.
 */
const LANGUAGE_TAG_MEMORY = 512;
const knownLanguageTags = new Map<string, boolean>();

export function isLanguageTag(value: string): boolean {
  const known = knownLanguageTags.get(value);
  if (known !== undefined) return known;
  const valid = checkLanguageTag(value);
  if (knownLanguageTags.size < LANGUAGE_TAG_MEMORY) knownLanguageTags.set(value, valid);
  return valid;
}

function checkLanguageTag(value: string): boolean {
  if (value.length === 0) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export function isTimestamp(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    TIMESTAMP.test(value) &&
    !value.endsWith('-00:00') &&
    Number.isFinite(Date.parse(value))
  );
}

function checkKeys(problems: Problems, where: string, value: Record<string, unknown>, allowed: Set<string>): void {
  for (const key of Object.keys(value)) if (!allowed.has(key)) problems.push(`${where}.${key} is not allowed`);
}

function checkLanguageMap(problems: Problems, where: string, value: unknown): void {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    problems.push(`${where} must be a non-empty language map`);
    return;
  }
  for (const [tag, text] of Object.entries(value)) {
    if (!isLanguageTag(tag)) problems.push(`${where} has an invalid language tag "${tag}"`);
    if (typeof text !== 'string') problems.push(`${where}.${tag} must be a string`);
  }
}

function checkExtensions(problems: Problems, where: string, value: unknown): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    problems.push(`${where} must be an object`);
    return;
  }
  for (const key of Object.keys(value)) if (!isAbsoluteIri(key)) problems.push(`${where} key "${key}" is not an IRI`);
}

function checkActor(problems: Problems, actor: unknown): void {
  if (!isRecord(actor)) return void problems.push('actor is required');
  // Only an account identifies the person: no mbox, openid or name may ever reach a record.
  checkKeys(problems, 'actor', actor, ACTOR_KEYS);
  if (actor.objectType !== undefined && actor.objectType !== 'Agent') problems.push('actor.objectType must be Agent');
  const account = actor.account;
  if (!isRecord(account)) return void problems.push('actor.account is required');
  checkKeys(problems, 'actor.account', account, ACCOUNT_KEYS);
  if (!isAbsoluteIri(account.homePage) || !/^https?:/.test(account.homePage)) {
    problems.push('actor.account.homePage must be an absolute http(s) IRL');
  }
  if (typeof account.name !== 'string' || account.name.length === 0) problems.push('actor.account.name is required');
}

function checkVerb(problems: Problems, verb: unknown): void {
  if (!isRecord(verb)) return void problems.push('verb is required');
  checkKeys(problems, 'verb', verb, VERB_KEYS);
  if (!isAbsoluteIri(verb.id)) problems.push('verb.id must be an absolute IRI');
  if (verb.display !== undefined) checkLanguageMap(problems, 'verb.display', verb.display);
}

function checkActivity(problems: Problems, where: string, activity: unknown): void {
  if (!isRecord(activity)) return void problems.push(`${where} must be an Activity`);
  checkKeys(problems, where, activity, ACTIVITY_KEYS);
  if (activity.objectType !== undefined && activity.objectType !== 'Activity') {
    problems.push(`${where}.objectType must be Activity`);
  }
  if (!isAbsoluteIri(activity.id)) problems.push(`${where}.id must be an absolute IRI`);
  const definition = activity.definition;
  if (definition === undefined) return;
  if (!isRecord(definition)) return void problems.push(`${where}.definition must be an object`);
  checkKeys(problems, `${where}.definition`, definition, DEFINITION_KEYS);
  if (definition.type !== undefined && !isAbsoluteIri(definition.type)) {
    problems.push(`${where}.definition.type must be an absolute IRI`);
  }
  if (definition.name !== undefined) checkLanguageMap(problems, `${where}.definition.name`, definition.name);
  if (definition.description !== undefined) {
    checkLanguageMap(problems, `${where}.definition.description`, definition.description);
  }
}

function checkScore(problems: Problems, score: unknown): void {
  if (!isRecord(score)) return void problems.push('result.score must be an object');
  checkKeys(problems, 'result.score', score, SCORE_KEYS);
  for (const [key, value] of Object.entries(score)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`result.score.${key} must be a number`);
  }
  const { scaled, raw, min, max } = score as Record<string, number | undefined>;
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) problems.push('result.score.scaled must be in [-1, 1]');
  if (min !== undefined && max !== undefined && !(min < max)) problems.push('result.score.min must be below max');
  if (raw !== undefined && min !== undefined && raw < min) problems.push('result.score.raw must be at least min');
  if (raw !== undefined && max !== undefined && raw > max) problems.push('result.score.raw must be at most max');
}

function checkResult(problems: Problems, result: unknown): void {
  if (result === undefined) return;
  if (!isRecord(result)) return void problems.push('result must be an object');
  checkKeys(problems, 'result', result, RESULT_KEYS);
  if (result.score !== undefined) checkScore(problems, result.score);
  for (const key of ['success', 'completion'] as const) {
    if (result[key] !== undefined && typeof result[key] !== 'boolean') problems.push(`result.${key} must be a boolean`);
  }
  if (result.response !== undefined && typeof result.response !== 'string') {
    problems.push('result.response must be a string');
  }
  if (result.duration !== undefined && (typeof result.duration !== 'string' || !DURATION.test(result.duration))) {
    problems.push('result.duration must be an ISO 8601 duration');
  }
  checkExtensions(problems, 'result.extensions', result.extensions);
}

function checkContext(problems: Problems, context: unknown): void {
  if (context === undefined) return;
  if (!isRecord(context)) return void problems.push('context must be an object');
  checkKeys(problems, 'context', context, CONTEXT_KEYS);
  if (
    context.registration !== undefined &&
    (typeof context.registration !== 'string' || !UUID.test(context.registration))
  ) {
    problems.push('context.registration must be a UUID');
  }
  if (context.platform !== undefined && typeof context.platform !== 'string') {
    problems.push('context.platform must be a string');
  }
  if (context.language !== undefined && (typeof context.language !== 'string' || !isLanguageTag(context.language))) {
    problems.push('context.language must be an RFC 5646 language tag');
  }
  checkExtensions(problems, 'context.extensions', context.extensions);
  const activities = context.contextActivities;
  if (activities === undefined) return;
  if (!isRecord(activities)) return void problems.push('context.contextActivities must be an object');
  checkKeys(problems, 'context.contextActivities', activities, CONTEXT_ACTIVITY_KEYS);
  for (const [key, list] of Object.entries(activities)) {
    // xAPI 2.0 no longer accepts a single Activity where a list is meant.
    if (!Array.isArray(list)) problems.push(`context.contextActivities.${key} must be an array`);
    else list.forEach((item, index) => checkActivity(problems, `context.contextActivities.${key}[${index}]`, item));
  }
}

/** The checks of what is a statement's own, not shared with others of its moment. */
function checkOwnPart(problems: Problems, part: Record<string, unknown>): void {
  if (typeof part.id !== 'string' || !UUID.test(part.id)) problems.push('id must be a lowercase UUID');
  checkVerb(problems, part.verb);
  checkActivity(problems, 'object', part.object);
  checkResult(problems, part.result);
}

/**
 * Every way a statement's own part (id, verb, object, result) breaks the rules, for a statement
 * whose envelope was already checked with another statement's; empty when it is valid.
 */
export function listOwnPartProblems(part: Record<string, unknown>): string[] {
  const problems: Problems = [];
  checkOwnPart(problems, part);
  return problems;
}

/** Every way `statement` breaks the xAPI 2.0 rules this store keeps; empty when it is valid. */
export function listStatementProblems(statement: unknown): string[] {
  const problems: Problems = [];
  if (!isRecord(statement)) return ['a statement must be an object'];
  checkKeys(problems, 'statement', statement, STATEMENT_KEYS);
  checkOwnPart(problems, statement);
  checkActor(problems, statement.actor);
  checkContext(problems, statement.context);
  if (!isTimestamp(statement.timestamp)) problems.push('timestamp must be an ISO 8601 time with a zone');
  if (statement.stored !== undefined && !isTimestamp(statement.stored)) {
    problems.push('stored must be an ISO 8601 time with a zone');
  }
  if (statement.version !== '2.0.0') problems.push('version must be 2.0.0');
  return problems;
}
