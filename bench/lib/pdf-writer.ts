/**
 * A minimal PDF writer for benchmark fixtures: ASCII text in Helvetica, wrapped lines,
 * several pages. Enough for a real text layer that pdf.js and pdftotext both read.
 * `outline` adds bookmarks (title → 1-based page), as long reports have. `padding` puts a stream
 * of that many bytes that nothing refers to before the pages, as a large file's images would be:
 * a reader that reads by ranges never needs it.
 */
export function makePdf(paragraphs: readonly string[], linesPerPage = 48, charsPerLine = 90, outline: readonly { title: string; page: number }[] = [], padding = 0): Buffer {
  const lines: string[] = [];
  for (const p of paragraphs) {
    let line = '';
    for (const word of p.replace(/[^\x20-\x7e]/g, ' ').split(/\s+/)) {
      if ((line + ' ' + word).length > charsPerLine) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
    lines.push('');
  }
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += linesPerPage) pages.push(lines.slice(i, i + linesPerPage));
  if (pages.length === 0) pages.push(['']);

  const objects: string[] = [];
  const add = (body: string) => objects.push(body) && objects.length;
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  if (padding > 0) add(`<< /Length ${padding} >>\nstream\n${'%'.repeat(padding)}\nendstream`);
  const kids: number[] = [];
  for (const page of pages) {
    const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
    const stream = `BT /F1 10 Tf 14 TL 50 780 Td ${page.map((l) => `(${escape(l)}) '`).join(' ')} ET`;
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  const escapeText = (t: string) => t.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
  const marks = outline.filter((o) => o.page >= 1 && o.page <= kids.length);
  let outlines = '';
  if (marks.length) {
    const root = add('');
    const first = objects.length + 1;
    marks.forEach((mark, i) => {
      const prev = i > 0 ? ` /Prev ${first + i - 1} 0 R` : '';
      const next = i < marks.length - 1 ? ` /Next ${first + i + 1} 0 R` : '';
      add(`<< /Title (${escapeText(mark.title)}) /Parent ${root} 0 R${prev}${next} /Dest [${kids[mark.page - 1]} 0 R /XYZ null null null] >>`);
    });
    objects[root - 1] = `<< /Type /Outlines /First ${first} 0 R /Last ${first + marks.length - 1} 0 R /Count ${marks.length} >>`;
    outlines = ` /Outlines ${root} 0 R /PageMode /UseOutlines`;
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R${outlines} >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
