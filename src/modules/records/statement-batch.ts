import {
  buildEnvelope,
  buildOwnPart,
  invalidStatementError,
  joinStatement,
  type LearningAction,
  type XapiEnvelope,
  type XapiOwnPart,
  type XapiStatement,
} from './statements.ts';
import { createStatementId } from './statement-id.ts';
import { listOwnPartProblems, listStatementProblems } from './validate.ts';

/**
 * The statements of many actions, with what they share kept once: `envelopes` holds each
 * distinct envelope, `owns[i]` is statement i's own part and `envelopeOf[i]` its envelope's
 * position in `envelopes`, counting from 1 as SQL does.
 */
export type StatementBatch = {
  statements: XapiStatement[];
  envelopes: XapiEnvelope[];
  owns: XapiOwnPart[];
  envelopeOf: number[];
};

/** Whether the action's envelope names the run itself (no parent, the course as grouping). */
function isAboutRun(action: LearningAction): boolean {
  return action.object.kind === 'run';
}

/**
 * Builds the statements of `actions`, as `buildStatement` does for each, sharing one envelope
 * among actions that pass the same context object for the same user, moment and kind of object
 * (a quiz submission's answers, say): the envelope is built and checked once, and each statement
 * adds only its own part, checked on its own. Actions with equal but separate context objects get
 * equal but separate envelopes, which is only less compact. Throws as `buildStatement` does.
 */
export function buildStatementBatch(
  homePage: string,
  actions: readonly LearningAction[],
  stored: Date,
): StatementBatch {
  const batch: StatementBatch = { statements: [], envelopes: [], owns: [], envelopeOf: [] };
  const positions = new Map<LearningAction['context'], Map<string, number>>();
  for (const action of actions) {
    const own = buildOwnPart(homePage, action, createStatementId(stored));
    let byMoment = positions.get(action.context);
    if (!byMoment) {
      byMoment = new Map();
      positions.set(action.context, byMoment);
    }
    const moment = `${action.userId}\n${action.at.getTime()}\n${isAboutRun(action)}`;
    let position = byMoment.get(moment);
    const isNew = position === undefined;
    if (position === undefined) {
      batch.envelopes.push(buildEnvelope(homePage, action, stored));
      position = batch.envelopes.length;
      byMoment.set(moment, position);
    }
    const statement = joinStatement(own, batch.envelopes[position - 1]!);
    const problems = isNew ? listStatementProblems(statement) : listOwnPartProblems(own);
    if (problems.length > 0) throw invalidStatementError(action, problems);
    batch.statements.push(statement);
    batch.owns.push(own);
    batch.envelopeOf.push(position);
  }
  return batch;
}
