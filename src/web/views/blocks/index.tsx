import type { Block, Transcript } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { DiscussionBlockView } from './discussion.tsx';
import { FileBlockView } from './file.tsx';
import { LinkBlockView } from './link.tsx';
import { defaultMediaUrl, type MediaUrl } from './media.ts';
import { QuizBlockView } from './quiz.tsx';
import { TextBlockView } from './text.tsx';
import { VideoBlockView } from './video.tsx';

export { LearnerBlockView, QuizCard, type LearnerBlockViewProps, type QuizCardLink } from './learner.tsx';
export { DiscussionBlockView, type DiscussionLinks } from './discussion.tsx';
export { LearnerVideoView, formatCueTime, pickDefaultCaption } from './learner-video.tsx';
export { MarkdownContent } from './markdown.tsx';
export { defaultMediaUrl, type MediaUrl } from './media.ts';

export type BlockViewProps = {
  t: T;
  block: Block;
  /** Heading level of the block's title; the page decides where blocks sit in its outline. */
  headingLevel?: 2 | 3;
  mediaUrl?: MediaUrl;
  /** Quiz inputs are inert, as in a preview or after the last attempt. */
  quizDisabled?: boolean;
  /** For a video: the transcripts read from its captions. */
  transcripts?: readonly Transcript[];
};

/** One block as a learner sees it, under its title. */
export function BlockView({
  t,
  block,
  headingLevel = 2,
  mediaUrl = defaultMediaUrl,
  quizDisabled = false,
  transcripts = [],
}: BlockViewProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class={`block block-${block.type}`}>
      <Heading>{block.title}</Heading>
      <BlockBody t={t} block={block} mediaUrl={mediaUrl} quizDisabled={quizDisabled} transcripts={transcripts} />
    </section>
  );
}

function BlockBody({ t, block, mediaUrl, quizDisabled, transcripts }: Required<Omit<BlockViewProps, 'headingLevel'>>) {
  switch (block.type) {
    case 'text':
      return <TextBlockView block={block} />;
    case 'video':
      return <VideoBlockView t={t} block={block} mediaUrl={mediaUrl} transcripts={transcripts} />;
    case 'file':
      return <FileBlockView t={t} block={block} mediaUrl={mediaUrl} />;
    case 'link':
      return <LinkBlockView t={t} block={block} />;
    case 'discussion':
      // Outside a run (the studio's preview) there is no forum to link to yet.
      return <DiscussionBlockView t={t} prompt={block.prompt} links={null} />;
    case 'quiz':
      return <QuizBlockView t={t} block={block} disabled={quizDisabled} />;
  }
}
