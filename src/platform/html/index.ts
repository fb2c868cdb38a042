export { isAllowedImageSource, markdownToPlainText, renderMarkdown, renderMarkdownInline } from './markdown.ts';
