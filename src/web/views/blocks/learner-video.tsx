import { renderToString } from 'preact-render-to-string';
import type { LearnerVideoBlock } from '../../../modules/courseware/index.ts';
import type { Transcript } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import type { MediaUrl } from './media.ts';

/** Speeds offered by the player island; the native controls stay for everything else. */
export const PLAYBACK_SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

export type LearnerVideoProps = {
  t: T;
  block: LearnerVideoBlock;
  mediaUrl: MediaUrl;
  transcripts: readonly Transcript[];
  /** Where the player island reports watched ranges; absent in a preview, which records nothing. */
  progressUrl: string | null;
  /** No preload, the poster only, the transcript open as the text to read. */
  dataSaver: boolean;
};

export function formatCueTime(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

function sourceOf(block: LearnerVideoBlock, mediaUrl: MediaUrl): string {
  return block.source.kind === 'url' ? block.source.url : mediaUrl(block.source.mediaId);
}

/** The caption track in the page's language, matched on the primary subtag when not exactly. */
export function pickDefaultCaption(languages: readonly string[], locale: string): number {
  const exact = languages.indexOf(locale);
  if (exact >= 0) return exact;
  const base = locale.split('-')[0];
  return languages.findIndex((language) => language.split('-')[0] === base);
}

/**
 * Each line starts at a time: a link into the video at that time (a media fragment, which
 * browsers play without script); the island turns it into a seek and marks the line playing.
 */
function CueLines({ transcript, source }: { transcript: Transcript; source: string }) {
  return (
    <>
      {transcript.cues.map((cue) => (
        <li>
          <a href={`${source}#t=${cue.startSeconds}`} data-start={cue.startSeconds} data-end={cue.endSeconds}>
            <span class="cue-time" dir="ltr">
              {formatCueTime(cue.startSeconds)}
            </span>{' '}
            {cue.text}
          </a>
        </li>
      ))}
    </>
  );
}

/*
 * A transcript's lines are the same for every reader and language of the page, and the loaded
 * transcripts are shared while cached, so their markup is rendered once per transcript and
 * video address instead of node by node on every view: it was the largest part of a unit page.
 */
const renderedCues = new WeakMap<Transcript, Map<string, string>>();

function renderCueLines(transcript: Transcript, source: string): string {
  let bySource = renderedCues.get(transcript);
  if (!bySource) {
    bySource = new Map();
    renderedCues.set(transcript, bySource);
  }
  let html = bySource.get(source);
  if (html === undefined) {
    html = renderToString(<CueLines transcript={transcript} source={source} />);
    bySource.set(source, html);
  }
  return html;
}

function TranscriptView({
  t,
  transcript,
  source,
  open,
}: {
  t: T;
  transcript: Transcript;
  source: string;
  open: boolean;
}) {
  return (
    <details class="transcript" open={open}>
      <summary>{t.t('learn.video.transcript', { language: transcript.label || transcript.language })}</summary>
      <ol
        class="transcript-cues"
        lang={transcript.language}
        data-transcript
        dangerouslySetInnerHTML={{ __html: renderCueLines(transcript, source) }}
      />
    </details>
  );
}

function SpeedOptions({ t }: { t: T }) {
  return (
    <>
      {PLAYBACK_SPEEDS.map((speed) => (
        <option value={String(speed)} selected={speed === 1}>
          {t.t('learn.video.speedValue', { speed })}
        </option>
      ))}
    </>
  );
}

/** The speeds read the same in every video of a language: their markup is rendered once per language. */
const renderedSpeedOptions = new Map<string, string>();

function renderSpeedOptions(t: T): string {
  let html = renderedSpeedOptions.get(t.locale);
  if (html === undefined) {
    html = renderToString(<SpeedOptions t={t} />);
    renderedSpeedOptions.set(t.locale, html);
  }
  return html;
}

function SpeedControl({ t, id }: { t: T; id: string }) {
  return (
    <p class="video-tools" data-video-tools hidden>
      <label for={id}>{t.t('learn.video.speed')}</label>{' '}
      <select id={id} data-speed dangerouslySetInnerHTML={{ __html: renderSpeedOptions(t) }} />
    </p>
  );
}

/**
 * A video for a learner: the native player with every caption track (the page's language on by
 * default), the speed control and progress reports of the 'video-player' island, the transcript
 * read from the captions, and the download link when the team allows it.
 */
export function LearnerVideoView({ t, block, mediaUrl, transcripts, progressUrl, dataSaver }: LearnerVideoProps) {
  const source = sourceOf(block, mediaUrl);
  const minutes = block.durationSeconds === null ? null : Math.max(1, Math.round(block.durationSeconds / 60));
  const defaultCaption = pickDefaultCaption(
    block.captions.map((caption) => caption.language),
    t.locale,
  );
  const defaultTranscript = pickDefaultCaption(
    transcripts.map((transcript) => transcript.language),
    t.locale,
  );
  return (
    <figure
      class="block-video"
      data-island="video-player"
      data-progress-url={progressUrl ?? undefined}
      data-position={block.watched?.positionSeconds ?? undefined}
    >
      <video
        controls
        preload={dataSaver ? 'none' : 'metadata'}
        playsInline
        poster={block.posterMediaId ? mediaUrl(block.posterMediaId) : undefined}
        aria-label={block.title}
      >
        <source src={source} />
        {block.captions.map((caption, index) => (
          <track
            kind="captions"
            srclang={caption.language}
            label={caption.label || t.languageName(caption.language)}
            src={mediaUrl(caption.mediaId)}
            default={index === defaultCaption}
          />
        ))}
        <p>{t.t('learn.video.unsupported')}</p>
      </video>
      <figcaption>
        {minutes !== null && <span>{t.t('learn.video.duration', { minutes })}</span>}
        {block.watched && (
          <span>
            {minutes !== null && ' · '}
            {t.t('learn.video.watched', { percent: Math.floor(block.watched.fraction * 100) })}
          </span>
        )}
        {block.downloadable && (
          <>
            {(minutes !== null || block.watched) && ' · '}
            <a href={source} download>
              {t.t('learn.video.download')}
            </a>
          </>
        )}
        {dataSaver && <span class="hint"> {t.t('learn.video.dataSaverNote')}</span>}
      </figcaption>
      <SpeedControl t={t} id={`speed-${block.key}`} />
      {transcripts.map((transcript, index) => (
        <TranscriptView
          t={t}
          transcript={transcript}
          source={source}
          open={dataSaver && index === Math.max(0, defaultTranscript)}
        />
      ))}
    </figure>
  );
}
