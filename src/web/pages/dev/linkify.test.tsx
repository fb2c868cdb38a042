import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.tsx';

const render = (text: string) => renderToString(<pre>{linkify(text)}</pre>);

describe('linkify', () => {
  it('turns web addresses into links and leaves sentence punctuation outside', () => {
    expect(render('Open https://orbis.test/a?b=1&c=2.\nThanks')).toBe(
      '<pre>Open <a href="https://orbis.test/a?b=1&amp;c=2">https://orbis.test/a?b=1&amp;c=2</a>.\nThanks</pre>',
    );
  });

  it('keeps markup in the text as text', () => {
    expect(render('<script>alert(1)</script> http://x.test/"onmouseover=')).toBe(
      '<pre>&lt;script>alert(1)&lt;/script> <a href="http://x.test/">http://x.test/</a>&quot;onmouseover=</pre>',
    );
  });

  it('never links other schemes', () => {
    expect(render('javascript:alert(1) data:text/html,hi')).toBe('<pre>javascript:alert(1) data:text/html,hi</pre>');
  });
});
