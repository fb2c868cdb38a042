import type { Executor } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import { getReleaseTree, type CourseRun, type CourseTree } from '../courses/index.ts';
import type { ForumTopic } from './model.ts';

/**
 * A run's forum topics follow its release: a general topic, one per section, and one per
 * discussion block an author placed in a unit. A thread keeps its topic key when a later
 * release drops the section; it is then listed under "all topics" only.
 */
export function listTopicsOfTree(tree: CourseTree, generalTitle = 'General'): ForumTopic[] {
  const topics: ForumTopic[] = [{ key: 'general', title: generalTitle, kind: 'general' }];
  for (const section of tree.sections) {
    topics.push({ key: `section:${section.key}`, title: section.title, kind: 'section' });
    for (const unit of section.units) {
      for (const block of unit.blocks) {
        if (block.block.type === 'discussion') {
          topics.push({ key: `block:${block.key}`, title: block.block.title, kind: 'block' });
        }
      }
    }
  }
  return topics;
}

export async function listForumTopics(executor: Executor, run: CourseRun): Promise<ForumTopic[]> {
  return listTopicsOfTree(await getReleaseTree(executor, run.releaseId));
}

/** Errors: invalid 'forum.unknown_topic'. */
export async function requireTopic(executor: Executor, run: CourseRun, key: string): Promise<ForumTopic> {
  const topic = (await listForumTopics(executor, run)).find((candidate) => candidate.key === key);
  if (!topic)
    throw invalid('forum.unknown_topic', 'topic: this forum has no such topic.', {
      fields: [{ field: 'topic', message: 'this forum has no such topic' }],
    });
  return topic;
}
