import { makeZip } from './zip';

const chapter = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title><script>document.write("SCRIPT")</script></head><body>${body}</body></html>`;

/** An EPUB 3 with a nav document and an EPUB 2 NCX: the spine order differs from the manifest's and from the file names'. */
export function sampleEpub(extra: { name: string; data: string }[] = []): Promise<Uint8Array> {
  return makeZip([
    { name: 'mimetype', data: 'application/epub+zip', store: true },
    {
      name: 'META-INF/container.xml',
      data: '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    },
    {
      name: 'OEBPS/content.opf',
      data: `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">urn:uuid:0f5e</dc:identifier><dc:title>Records Management Handbook</dc:title>
<dc:creator>National Archives Office</dc:creator><dc:date>2009-03-14</dc:date><dc:language>en-GB</dc:language>
<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta></metadata>
<manifest>
<item id="ch2" href="text/chapter%202.xhtml" media-type="application/xhtml+xml"/>
<item id="ch1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="cover" href="images/cover.jpg" media-type="image/jpeg"/>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
</manifest>
<spine toc="ncx"><itemref idref="ch1"/><itemref idref="ch2"/></spine>
</package>`,
    },
    {
      name: 'OEBPS/nav.xhtml',
      data: chapter('<nav epub:type="toc"><ol><li><a href="text/ch1.xhtml">Chapter 1. Scope</a></li><li><a href="text/chapter%202.xhtml#start">Chapter 2. Retention</a></li></ol></nav>'),
    },
    {
      name: 'OEBPS/toc.ncx',
      data: '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap><navPoint id="n1"><navLabel><text>Scope (NCX)</text></navLabel><content src="text/ch1.xhtml"/></navPoint></navMap></ncx>',
    },
    {
      name: 'OEBPS/text/ch1.xhtml',
      data: chapter('<h1>Chapter 1. Scope<a id="s1"/></h1><p>This handbook applies to every office.<img src="../images/cover.jpg" alt="COVER IMAGE"/></p><ol><li>Paper records</li><li>Digital records</li></ol>'),
    },
    {
      name: 'OEBPS/text/chapter 2.xhtml',
      data: chapter('<p id="start">Records are kept for <em>ten</em> years.</p><p>记录保存十年。</p><script>alert("x")</script>'),
    },
    { name: 'OEBPS/images/cover.jpg', data: 'JPEGDATA' },
    ...extra,
  ]);
}
