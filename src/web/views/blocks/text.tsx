import type { TextBlock } from '../../../modules/courses/index.ts';
import { MarkdownContent } from './markdown.tsx';

export function TextBlockView({ block }: { block: TextBlock }) {
  return <MarkdownContent source={block.body} />;
}
