import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { htmlImporter } from './html';
import type { ParsedDocument } from './types';

const blocks = (doc: ParsedDocument): [string, number | undefined, string][] =>
  doc.blocks.map((b) => [b.kind, b.level, doc.text.slice(b.start, b.end)]);
const parse = (html: string): Promise<ParsedDocument> => htmlImporter.parse(new TextEncoder().encode(html), 'page.html');
const headings = (doc: ParsedDocument): string[] => doc.blocks.filter((b) => b.kind === 'heading').map((b) => doc.text.slice(b.start, b.end));

/** A chapter as DocBook (publican, xsltproc) writes it: XHTML with self-closed anchors before every heading. */
function docbookPage(sections: number): string {
  const section = (i: number): string =>
    `<div class="section"><div class="titlepage"><div><div><h3 class="title"><a xmlns="" id="sect.${i}"/>1.2.${i}. 第${i}节 标题</h3></div></div></div>` +
    `<a id="idx-${i}" class="indexterm"/><p>这是第${i}节的正文，说明基金会文档的内容与目的。<a id="fn-${i}"/>Debian 项目的成员遵守这些原则。</p></div>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><title>1.2. 基金会文档</title></head>
<body><div id="banner"><a href="http://example.org/get/"><span class="text">Download the ebook</span></a></div>
<ul class="docnav"><li class="previous"><a accesskey="p" href="prev.html"><strong>上一页</strong></a></li><li class="next"><a accesskey="n" href="next.html"><strong>下一页</strong></a></li></ul>
<div xml:lang="zh-CN" class="section"><div class="titlepage"><div><div><h2 class="title"><a xmlns="" id="sect.top"/>1.2. 基金会文档</h2></div></div></div>
<p>几年来，Debian 项目制定了若干基础文档。</p>
<div class="orderedlist"><ol class="orderedlist"><li class="listitem"><p>社会契约</p></li><li class="listitem"><p>自由软件指导方针</p></li></ol></div>
${Array.from({ length: sections }, (_, i) => section(i + 1)).join('\n')}
</div><ul class="docnav"><li class="home"><a accesskey="h" href="index.html"><strong>起始页</strong></a></li></ul></body></html>`;
}

/** A Sphinx page: navigation bars, a sidebar, permalink glyphs, and a "Remarks" section Readability takes for boilerplate. */
const SPHINX = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>4.2. Conformance &#8212; Records Standard 1.0 documentation</title></head>
<body>
<div class="related" role="navigation" aria-label="related navigation"><h3>Navigation</h3><ul><li class="right"><a href="genindex.html" title="General Index">index</a></li><li><a href="index.html">Records Standard 1.0 documentation</a> &#187;</li></ul></div>
<div class="document"><div class="documentwrapper"><div class="bodywrapper"><div class="body" role="main">
<section id="conformance"><h1>4.2. Conformance<a class="headerlink" href="#conformance" title="Permalink to this heading">¶</a></h1>
<p>An archive conforms to this standard when every record it holds carries the metadata listed in section 3, and when each record can be retrieved by its identifier for as long as the archive keeps it.</p>
<section id="requirements"><h2>4.2.1. Requirements<sup><a class="footnote-reference" href="#f1">1</a></sup><a class="headerlink" href="#requirements">¶</a></h2>
<ol start="3"><li><p>Records are stored in an open format.</p></li><li><p>Every change to a record is logged.</p></li></ol>
</section>
<section id="remarks"><h2>4.2.2. Remarks<a class="headerlink" href="#remarks" title="Permalink to this heading">¶</a></h2>
<p>The requirements above are normative. An archive that stores a record in a closed format for a transition period remains conformant if it keeps a copy in an open format beside it.</p>
<p>Logging a change means recording who made it, when, and what the record held before; a log that only records the time of a change does not satisfy requirement 4.</p>
<p>Where national law requires a shorter retention period than the archive's policy, the law prevails and the archive records the reason for each early disposal.</p>
</section></section>
</div></div></div>
<div class="sphinxsidebar" role="navigation" aria-label="main navigation"><div class="sphinxsidebarwrapper"><h3>Table of Contents</h3><ul><li><a class="reference internal" href="#">4.2. Conformance</a></li></ul><h3>Quick search</h3></div></div>
</div>
<div class="footer" role="contentinfo">&#169; Copyright 2026, The Records Committee. Created using Sphinx 7.2.6.</div>
</body></html>`;

describe('html importer on generated documentation pages', () => {
  it('keeps every heading of a DocBook chapter whose anchors are self-closed XHTML', async () => {
    const doc = await parse(docbookPage(66));
    const found = headings(doc);
    expect(found).toHaveLength(67);
    expect(found.slice(0, 3)).toEqual(['1.2. 基金会文档', '1.2.1. 第1节 标题', '1.2.2. 第2节 标题']);
    expect(found.at(-1)).toBe('1.2.66. 第66节 标题');
    // The anchors close where XML closes them: the paragraph after a heading is a paragraph.
    expect(blocks(doc).slice(0, 5)).toEqual([
      ['heading', 2, '1.2. 基金会文档'],
      ['paragraph', undefined, '几年来，Debian 项目制定了若干基础文档。'],
      ['list-item', 1, '1. 社会契约'],
      ['list-item', 1, '2. 自由软件指导方针'],
      ['heading', 3, '1.2.1. 第1节 标题'],
    ]);
    expect(doc.text).not.toMatch(/Download the ebook|上一页|起始页/);
    expect(doc.title).toBe('1.2. 基金会文档');
    expect(doc.language).toBeUndefined();
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  });

  it('keeps a "Remarks" section, drops the navigation, and takes permalinks and footnote marks out of headings', async () => {
    const doc = await parse(SPHINX);
    expect(blocks(doc)).toEqual([
      ['heading', 1, '4.2. Conformance'],
      ['paragraph', undefined, expect.stringMatching(/^An archive conforms/)],
      ['heading', 2, '4.2.1. Requirements'],
      ['list-item', 1, '3. Records are stored in an open format.'],
      ['list-item', 1, '4. Every change to a record is logged.'],
      ['heading', 2, '4.2.2. Remarks'],
      ['paragraph', undefined, expect.stringMatching(/^The requirements above are normative/)],
      ['paragraph', undefined, expect.stringMatching(/^Logging a change/)],
      ['paragraph', undefined, expect.stringMatching(/^Where national law/)],
    ]);
    expect(doc.text).not.toMatch(/¶|Quick search|Navigation|Copyright/);
    expect(doc.title).toBe('4.2. Conformance — Records Standard 1.0 documentation');
    expect(doc.language).toBe('en');
  });

  it('numbers ordered lists by their type, start, value and direction', async () => {
    const doc = await parse(
      '<ol type="a"><li>alpha</li><li>beta<ol type="i"><li>one</li><li value="4">four</li></ol></li></ol>' +
        '<ol reversed><li>three</li><li>two</li><li>one</li></ol><ul><li>bullet</li></ul>',
    );
    expect(blocks(doc).map(([, , t]) => t)).toEqual(['a. alpha', 'b. beta', 'i. one', 'iv. four', '3. three', '2. two', '1. one', 'bullet']);
  });

  it('takes author, date and language from the page head', async () => {
    const doc = await parse('<html lang="zh-TW"><head><meta name="author" content="新聞處"><meta property="article:published_time" content="2009-05-20T08:00:00+08:00"></head><body><p>本處今日發布新聞稿。</p></body></html>');
    expect([doc.author, doc.date, doc.language]).toEqual(['新聞處', '2009-05-20', 'zh-Hant']);
  });

  it('strips a permalink glyph and a footnote mark from the page title', async () => {
    expect((await parse('<title>Annual Report[1] ¶</title><p>Body.</p>')).title).toBe('Annual Report');
  });
});
