import type { T } from '../../messages/index.ts';
import { MarkdownContent } from './markdown.tsx';

/** Where a discussion block leads: its topic in the run's forum, and the form to start a thread there. */
export type DiscussionLinks = { threads: string; newThread: string };

/**
 * A discussion placed in a unit: the authors' prompt and the ways into the forum. The threads
 * belong to a run, so without one (a draft preview) the block only says where they will be.
 */
export function DiscussionBlockView({ t, prompt, links }: { t: T; prompt: string; links: DiscussionLinks | null }) {
  return (
    <div class="block-discussion">
      <MarkdownContent source={prompt} />
      {links ? (
        <p class="actions">
          <a class="button" href={links.threads}>
            {t.t('blocks.discussion.threads')}
          </a>{' '}
          <a class="button button-secondary" href={links.newThread}>
            {t.t('blocks.discussion.newThread')}
          </a>
        </p>
      ) : (
        <p class="hint">{t.t('blocks.discussion.previewNote')}</p>
      )}
    </div>
  );
}
