import type { VideoBlock } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import type { MediaUrl } from './media.ts';

function sourceOf(block: VideoBlock, mediaUrl: MediaUrl): string {
  return block.source.kind === 'url' ? block.source.url : mediaUrl(block.source.mediaId);
}

/** A native player with every caption track; the download link only when the team allows it. */
export function VideoBlockView({ t, block, mediaUrl }: { t: T; block: VideoBlock; mediaUrl: MediaUrl }) {
  const source = sourceOf(block, mediaUrl);
  const minutes = block.durationSeconds === null ? null : Math.max(1, Math.round(block.durationSeconds / 60));
  return (
    <figure class="block-video">
      <video
        controls
        preload="metadata"
        playsInline
        poster={block.posterMediaId ? mediaUrl(block.posterMediaId) : undefined}
        aria-label={block.title}
      >
        <source src={source} />
        {block.captions.map((caption, index) => (
          <track
            kind="captions"
            srclang={caption.language}
            label={caption.label || caption.language}
            src={mediaUrl(caption.mediaId)}
            default={index === 0}
          />
        ))}
        <p>{t.t('blocks.video.unsupported')}</p>
      </video>
      <figcaption>
        {minutes !== null && <span>{t.t('blocks.video.duration', { minutes })}</span>}
        {block.downloadable && (
          <>
            {minutes !== null && ' · '}
            <a href={source} download>
              {t.t('blocks.video.download')}
            </a>
          </>
        )}
      </figcaption>
    </figure>
  );
}
