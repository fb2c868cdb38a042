import type { Transcript, VideoBlock } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import type { MediaUrl } from './media.ts';

function sourceOf(block: VideoBlock, mediaUrl: MediaUrl): string {
  return block.source.kind === 'url' ? block.source.url : mediaUrl(block.source.mediaId);
}

function formatTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, '0')}`;
}

/** The captions as text to read, for readers who cannot or would rather not play the video. */
function TranscriptView({ t, transcript }: { t: T; transcript: Transcript }) {
  return (
    <details class="transcript">
      <summary>{t.t('blocks.video.transcript', { language: transcript.label || transcript.language })}</summary>
      <ol class="transcript-cues" lang={transcript.language}>
        {transcript.cues.map((cue) => (
          <li>
            <span class="cue-time">{formatTime(cue.startSeconds)}</span> {cue.text}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A native player with every caption track and their transcripts; the download link only when allowed. */
export function VideoBlockView({
  t,
  block,
  mediaUrl,
  transcripts = [],
}: {
  t: T;
  block: VideoBlock;
  mediaUrl: MediaUrl;
  transcripts?: readonly Transcript[];
}) {
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
      {transcripts.map((transcript) => (
        <TranscriptView t={t} transcript={transcript} />
      ))}
    </figure>
  );
}
