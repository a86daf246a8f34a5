import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { makeZip } from '../test-support/zip';
import { odtImporter } from './odt';
import { ImportError, type ParsedDocument } from './types';

const blocks = (doc: ParsedDocument): [string, number | undefined, string][] =>
  doc.blocks.map((b) => [b.kind, b.level, doc.text.slice(b.start, b.end)]);

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"';

/** content.xml as LibreOffice writes it: automatic styles, a numbered list, a table, notes, a tracked deletion. */
const CONTENT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3">
<office:automatic-styles>
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
<text:list-style style:name="L1">
<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>
<text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/>
</text:list-style>
<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Figure"/></text:sequence-decls>
<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Li Wei</dc:creator></office:change-info><text:p>DELETED WORDS</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:p text:style-name="P1">关于档案管理的通知</text:p>
<text:h text:outline-level="1">1 Purpose</text:h>
<text:p>Offices keep<text:s text:c="2"/>records<text:tab/>for ten years<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Law 12 of 2009.</text:p></text:note-body></text:note>.<text:change text:change-id="ct1"/></text:p>
<text:h text:outline-level="2">1.1 <office:annotation office:name="c1"><dc:creator>王芳</dc:creator><dc:date>2025-04-01T08:00:00</dc:date><text:p>Say which steps.</text:p></office:annotation>Steps<office:annotation-end office:name="c1"/></text:h>
<text:list text:style-name="L1">
<text:list-item><text:p>Register the record</text:p>
<text:list><text:list-item><text:p>by date</text:p></text:list-item><text:list-item><text:p>by office</text:p></text:list-item></text:list></text:list-item>
<text:list-item><text:p>File it<office:annotation><dc:creator>Li Wei</dc:creator><text:p>Where?</text:p></office:annotation></text:p></text:list-item>
</text:list>
<text:list text:style-name="L2"><text:list-item><text:p>a bullet</text:p></text:list-item></text:list>
<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/>
<table:table-header-rows><table:table-row><table:table-cell><text:p>Record</text:p></table:table-cell><table:table-cell><text:p>Years</text:p></table:table-cell></table:table-row></table:table-header-rows>
<table:table-row><table:table-cell><text:p>Minutes</text:p></table:table-cell><table:table-cell><text:p>10</text:p></table:table-cell></table:table-row>
</table:table>
<text:p><draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/1.png" xmlns:xlink="http://www.w3.org/1999/xlink"/></draw:frame>通知到此为止<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>尾注。</text:p></text:note-body></text:note></text:p>
</office:text></office:body></office:document-content>`;

const META = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS}><office:meta><meta:initial-creator>档案局办公室</meta:initial-creator><dc:creator>Li Wei</dc:creator>
<meta:creation-date>2009-05-20T09:30:00</meta:creation-date><dc:date>2026-01-05T10:00:00</dc:date><dc:title>档案管理通知</dc:title><dc:language>zh-CN</dc:language></office:meta></office:document-meta>`;

export function sampleOdt(): Promise<Uint8Array> {
  return makeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
    { name: 'META-INF/manifest.xml', data: '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>' },
    { name: 'content.xml', data: CONTENT },
    { name: 'meta.xml', data: META },
    { name: 'styles.xml', data: `<?xml version="1.0"?><office:document-styles ${NS}><office:styles><style:style style:name="Title" style:family="paragraph"/></office:styles></office:document-styles>` },
  ]);
}

describe('odt importer', () => {
  it('reads headings, numbered lists, tables as rows and notes at the end, and takes meta.xml first', async () => {
    const doc = await odtImporter.parse(await sampleOdt(), 'notice.odt');
    expect(blocks(doc)).toEqual([
      ['heading', 1, '关于档案管理的通知'],
      ['heading', 1, '1 Purpose'],
      ['paragraph', undefined, 'Offices keep records for ten years[1].'],
      ['heading', 2, '1.1 Steps'],
      ['list-item', 1, '1. Register the record'],
      ['list-item', 2, 'a) by date'],
      ['list-item', 2, 'b) by office'],
      ['list-item', 1, '2. File it'],
      ['list-item', 1, 'a bullet'],
      ['table-row', undefined, 'Record | Years'],
      ['table-row', undefined, 'Minutes | 10'],
      ['paragraph', undefined, '通知到此为止[i]'],
      ['paragraph', undefined, '[1] Law 12 of 2009.'],
      ['paragraph', undefined, '[i] 尾注。'],
    ]);
    expect(doc.text).not.toMatch(/DELETED|Say which|Where\?|[\ue000-\ue003]/u);
    expect((doc.comments ?? []).map((c) => [doc.text.slice(c.start, c.end), c.paragraphs, c.author, c.date])).toEqual([
      ['Steps', ['Say which steps.'], '王芳', '2025-04-01T08:00:00'],
      // No end mark: the word before it.
      ['it', ['Where?'], 'Li Wei', undefined],
    ]);
    expect([doc.title, doc.author, doc.date, doc.language]).toEqual(['档案管理通知', '档案局办公室', '2009-05-20', 'zh-Hans']);
    expect(doc.notices).toEqual(['tracked changes were read as accepted (deleted text left out, inserted text kept)']);
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  });

  it('names a package without content and a password-protected one', async () => {
    const fail = async (bytes: Uint8Array): Promise<ImportError> => {
      const error = await odtImporter.parse(bytes, 'x.odt').then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      return error as ImportError;
    };
    expect((await fail(await makeZip([{ name: 'mimetype', data: 'x' }]))).message).toBe('not an OpenDocument text (no content.xml)');
    const locked = await makeZip([
      { name: 'META-INF/manifest.xml', data: '<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>' },
      { name: 'content.xml', data: 'BINARY' },
    ]);
    expect((await fail(locked)).code).toBe('password_required');
  });
});
