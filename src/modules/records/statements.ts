import { createStatementId } from './statement-id.ts';
import { isLanguageTag, listStatementProblems } from './validate.ts';

/**
 * xAPI 2.0 statements built from learning actions. The actor is an account on the platform's
 * home page named by the person's id: never an e-mail or a name, so a statement identifies a
 * learner only to whoever holds the platform's user table.
 */
export const XAPI_VERSION = '2.0.0';

/** ADL verbs (http://adlnet.gov/expapi/verbs/). */
export const VERBS = {
  registered: 'registered',
  exited: 'exited',
  launched: 'launched',
  experienced: 'experienced',
  progressed: 'progressed',
  completed: 'completed',
  attempted: 'attempted',
  answered: 'answered',
  passed: 'passed',
  failed: 'failed',
  scored: 'scored',
} as const;
export type VerbName = keyof typeof VERBS;

export function verbIri(verb: VerbName): string {
  return `http://adlnet.gov/expapi/verbs/${VERBS[verb]}`;
}

/** ADL activity types (http://adlnet.gov/expapi/activities/). */
export const ACTIVITY_TYPES = {
  course: 'course',
  run: 'course',
  section: 'module',
  unit: 'lesson',
  text: 'lesson',
  video: 'media',
  file: 'file',
  link: 'link',
  // ADL names no discussion type; the block itself is a prompt to read, like a lesson's text.
  discussion: 'lesson',
  quiz: 'assessment',
  question: 'question',
} as const;
export type ActivityKind = keyof typeof ACTIVITY_TYPES;

export type ActivityRef = {
  kind: ActivityKind;
  /** A stable id: the entity's or run's UUID, or the course key for a course. */
  ref: string;
  /** A title in one language (`language`, else "und"), or a map of titles by language tag. */
  name?: string | Readonly<Record<string, string>>;
  language?: string;
};

export type StatementResult = {
  score?: { scaled?: number; raw?: number; min?: number; max?: number };
  success?: boolean;
  completion?: boolean;
  /** ISO 8601 duration. */
  duration?: string;
  response?: string;
  extensions?: Record<string, unknown>;
};

/** What a module tells the record store about one learning action. */
export type LearningAction = {
  userId: string;
  verb: VerbName;
  object: ActivityRef;
  result?: StatementResult;
  context: {
    runId: number;
    runUuid: string;
    /** The enrollment's uuid: every statement of one learner in one run shares it. */
    registration: string;
    courseKey: string;
    language?: string;
    /** The unit or quiz the object sits in, when it is a block or a question. */
    parent?: ActivityRef;
  };
  at: Date;
};

export type XapiStatement = {
  id: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  verb: { id: string; display: { 'en-US': string } };
  object: {
    objectType: 'Activity';
    id: string;
    definition: { type: string; name?: Record<string, string> };
  };
  result?: StatementResult;
  context: {
    registration: string;
    platform: string;
    language?: string;
    contextActivities: {
      parent?: Array<{ objectType: 'Activity'; id: string }>;
      grouping: Array<{ objectType: 'Activity'; id: string }>;
    };
  };
  timestamp: string;
  stored: string;
  version: string;
};

export function activityIri(homePage: string, activity: Pick<ActivityRef, 'kind' | 'ref'>): string {
  const base = homePage.replace(/\/+$/, '');
  if (activity.kind === 'course') return `${base}/courses/${encodeURIComponent(activity.ref)}`;
  return `${base}/xapi/activities/${activity.kind}/${encodeURIComponent(activity.ref)}`;
}

/** The activity's name as an xAPI language map; tags that are not RFC 5646 are left out. */
function toLanguageMap(activity: ActivityRef): Record<string, string> | null {
  if (activity.name === undefined) return null;
  const entries =
    typeof activity.name === 'string'
      ? [[activity.language && isLanguageTag(activity.language) ? activity.language : 'und', activity.name] as const]
      : Object.entries(activity.name);
  const map = Object.fromEntries(entries.filter(([tag, text]) => text.length > 0 && isLanguageTag(tag)));
  return Object.keys(map).length > 0 ? map : null;
}

function toActivity(homePage: string, activity: ActivityRef): XapiStatement['object'] {
  const name = toLanguageMap(activity);
  return {
    objectType: 'Activity',
    id: activityIri(homePage, activity),
    definition: {
      type: `http://adlnet.gov/expapi/activities/${ACTIVITY_TYPES[activity.kind]}`,
      ...(name ? { name } : {}),
    },
  };
}

/**
 * xAPI wants `max` above `min`; a question or quiz worth no points has an empty range, which says
 * nothing, so it is left out rather than refused.
 */
function withScoreRange(result: StatementResult): StatementResult {
  const score = result.score;
  if (!score || score.min === undefined || score.max === undefined || score.max !== score.min) return result;
  const { min: _min, max: _max, ...rest } = score;
  return { ...result, score: rest };
}

/** What the statements of one moment share: who, in which context, when. */
export type XapiEnvelope = Pick<XapiStatement, 'actor' | 'context' | 'timestamp' | 'stored' | 'version'>;
/** What is a statement's own: its id, what was done to what, and the result. */
export type XapiOwnPart = Pick<XapiStatement, 'id' | 'verb' | 'object' | 'result'>;

/**
 * The envelope of an action's statement. It depends only on the action's user, context and time,
 * whether its object is the run itself, and the time stored (see `buildStatementBatch`).
 */
export function buildEnvelope(homePage: string, action: LearningAction, stored: Date): XapiEnvelope {
  const { context } = action;
  const runActivity = {
    objectType: 'Activity' as const,
    id: activityIri(homePage, { kind: 'run', ref: context.runUuid }),
  };
  const courseActivity = {
    objectType: 'Activity' as const,
    id: activityIri(homePage, { kind: 'course', ref: context.courseKey }),
  };
  const parent = context.parent
    ? [{ objectType: 'Activity' as const, id: activityIri(homePage, context.parent) }]
    : action.object.kind === 'run'
      ? undefined
      : [runActivity];
  return {
    actor: { objectType: 'Agent', account: { homePage: homePage.replace(/\/+$/, ''), name: action.userId } },
    context: {
      registration: context.registration,
      platform: 'Orbis',
      ...(context.language ? { language: context.language } : {}),
      contextActivities: {
        ...(parent ? { parent } : {}),
        grouping: action.object.kind === 'run' ? [courseActivity] : [runActivity, courseActivity],
      },
    },
    timestamp: action.at.toISOString(),
    stored: stored.toISOString(),
    version: XAPI_VERSION,
  };
}

export function buildOwnPart(homePage: string, action: LearningAction, id: string): XapiOwnPart {
  return {
    id,
    verb: { id: verbIri(action.verb), display: { 'en-US': VERBS[action.verb] } },
    object: toActivity(homePage, action.object),
    ...(action.result ? { result: withScoreRange(action.result) } : {}),
  };
}

/** The statement of an own part in its envelope, its properties in the order xAPI lists them. */
export function joinStatement(own: XapiOwnPart, envelope: XapiEnvelope): XapiStatement {
  return {
    id: own.id,
    actor: envelope.actor,
    verb: own.verb,
    object: own.object,
    ...(own.result ? { result: own.result } : {}),
    context: envelope.context,
    timestamp: envelope.timestamp,
    stored: envelope.stored,
    version: envelope.version,
  };
}

/** The error for an action whose statement breaks xAPI 2.0: a bug in the caller. */
export function invalidStatementError(action: LearningAction, problems: readonly string[]): Error {
  return new Error(`Invalid xAPI statement (${action.verb}): ${problems.join('; ')}`);
}

/**
 * The xAPI statement of one learning action. Throws when the action cannot make a valid xAPI
 * 2.0 statement (a score outside its range, a malformed registration…): that is a bug in the
 * caller, and the transaction it runs in must not commit a record that breaks the standard.
 */
export function buildStatement(
  homePage: string,
  action: LearningAction,
  stored: Date,
  id = createStatementId(stored),
): XapiStatement {
  const statement = joinStatement(buildOwnPart(homePage, action, id), buildEnvelope(homePage, action, stored));
  const problems = listStatementProblems(statement);
  if (problems.length > 0) throw invalidStatementError(action, problems);
  return statement;
}
