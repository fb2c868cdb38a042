import type { FileBlock } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { MarkdownContent } from './markdown.tsx';
import type { MediaUrl } from './media.ts';

export function FileBlockView({ t, block, mediaUrl }: { t: T; block: FileBlock; mediaUrl: MediaUrl }) {
  return (
    <div class="block-file">
      <MarkdownContent source={block.description} />
      <p>
        <a class="button button-secondary" href={mediaUrl(block.mediaId)} download>
          {t.t('blocks.file.download', { title: block.title })}
        </a>
      </p>
    </div>
  );
}
