import { randomUUID } from 'node:crypto';
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

/**
 * The xAPI statement of one learning action. Throws when the action cannot make a valid xAPI
 * 2.0 statement (a score outside its range, a malformed registration…): that is a bug in the
 * caller, and the transaction it runs in must not commit a record that breaks the standard.
 */
export function buildStatement(
  homePage: string,
  action: LearningAction,
  stored: Date,
  id = randomUUID(),
): XapiStatement {
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
  const statement: XapiStatement = {
    id,
    actor: { objectType: 'Agent', account: { homePage: homePage.replace(/\/+$/, ''), name: action.userId } },
    verb: { id: verbIri(action.verb), display: { 'en-US': VERBS[action.verb] } },
    object: toActivity(homePage, action.object),
    ...(action.result ? { result: withScoreRange(action.result) } : {}),
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
  const problems = listStatementProblems(statement);
  if (problems.length > 0) throw new Error(`Invalid xAPI statement (${action.verb}): ${problems.join('; ')}`);
  return statement;
}
