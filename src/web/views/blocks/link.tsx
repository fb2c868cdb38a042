import type { LinkBlock } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { MarkdownContent } from './markdown.tsx';

export function LinkBlockView({ t, block }: { t: T; block: LinkBlock }) {
  return (
    <div class="block-link">
      <MarkdownContent source={block.description} />
      <p>
        <a href={block.url} rel="noopener nofollow" target="_blank">
          {block.title}
          <span class="visually-hidden"> {t.t('blocks.link.newWindow')}</span>
        </a>{' '}
        <span class="hint" dir="ltr">
          ({new URL(block.url).host})
        </span>
      </p>
    </div>
  );
}
