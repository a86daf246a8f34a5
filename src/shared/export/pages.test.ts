import { describe, expect, it } from 'vitest';
import type { PdfSourceMap } from '../model';
import { mentionRows } from './csv';
import { renderDocument, markdownExporter } from './markdown';
import { ctx, doc } from './test-data';
import { documentCollection } from './w3c';

// "Alpha beta\n\nGamma delta": page 1 ("iv") holds item 0 "Alpha beta", page 2 ("v") item 0 "Gamma delta".
const TEXT = 'Alpha beta\n\nGamma delta';
const map: PdfSourceMap = {
  version: 1,
  pageCount: 2,
  pages: [
    { page: 1, label: 'iv', runs: [0, 0, 0, 10], source: 'text', items: [100, 700, 200, 712], view: [0, 0, 600, 800] },
    { page: 2, label: 'v', runs: [12, 0, 0, 11], source: 'text', items: [100, 500, 210, 512], view: [0, 0, 600, 800] },
  ],
};

function pdfDoc() {
  const d = doc(TEXT, [
    ['beta', null],
    ['delta', 'PERSON'],
  ]);
  const area = {
    ...d.annotations[0]!,
    id: 'ann0009',
    kind: 'area' as const,
    target: { start: 12, end: 12, quote: '', prefix: 'Alpha beta\n\n', suffix: 'Gamma delta' },
    geometry: [{ page: 2, rects: [[50, 100, 250, 300] as [number, number, number, number]] }],
    label: 'ORG',
    color: undefined,
  };
  return { ...d, meta: { ...d.meta, type: 'pdf' as const, sourceName: 't.pdf' }, annotations: [...d.annotations, area], pdf: map };
}

describe('page numbers in exports of PDFs', () => {
  it('cites the page label after each quote in Markdown, and says where an area has no picture', () => {
    const md = renderDocument(pdfDoc(), ctx);
    expect(md).toMatch(/> beta\n\np\. iv · \[open in Marginalia\]/);
    expect(md).toMatch(/> delta\n\np\. v · \[open in Marginalia\]/);
    const session = markdownExporter.begin(ctx);
    const files = session.add(pdfDoc());
    expect(files).toHaveLength(1);
    expect(session.notices).toEqual(['T: 1 area annotation(s) exported without their picture (the page could not be rendered here); page and rectangle are given.']);
  });

  it('embeds the crop of an area as a PNG beside the Markdown file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const session = markdownExporter.begin(ctx);
    const files = session.add({ ...pdfDoc(), areaImages: new Map([['ann0009', png]]) });
    expect(files.map((f) => f.path)).toEqual(['T.md', 'T/area-ann0009.png']);
    expect(files[1]!.content).toBe(png);
    expect(files[0]!.content).toContain('![Area on p. v](<T/area-ann0009.png>)');
    expect(session.notices).toEqual([]);
  });

  it('adds page FragmentSelectors in W3C, with xywh for an area', () => {
    const items = (documentCollection(pdfDoc(), ctx) as { first: { items: { target: { selector: Record<string, unknown>[] } }[] } }).first.items;
    expect(items.map((a) => a.target.selector.filter((s) => s.type === 'FragmentSelector'))).toEqual([
      [{ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc8118', value: 'page=1' }],
      [{ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc8118', value: 'page=2', refinedBy: { type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/', value: 'xywh=50,500,200,200' } }],
      [{ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc8118', value: 'page=2' }],
    ]);
    // Text selectors stay beside the page; the empty area is its place on the page only.
    expect(items[0]!.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector', 'FragmentSelector']);
    expect(items[1]!.target.selector).toHaveLength(1);
  });

  it('gives page and box columns in CSV when a PDF is exported, none for text documents', () => {
    expect(mentionRows(pdfDoc(), { ...ctx, paged: true })).toEqual([
      'doc0001,T,Organisation,,12,12,,,Alpha beta []Gamma delta,v,50 100 250 300\r\n',
      'doc0001,T,Person,delta,18,23,,,Alpha beta Gamma [delta],v,\r\n',
    ]);
    const text = doc(TEXT, [['delta', 'PERSON']]);
    expect(mentionRows(text, ctx)).toEqual(['doc0001,T,Person,delta,18,23,,,Alpha beta Gamma [delta]\r\n']);
  });
});
