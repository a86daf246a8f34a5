import { itemPointToOffset, textRangeToGeometry, textRangeToItems } from '../../src/shared/model/pdf';
import { parsePdf } from '../../src/main/core/importers/pdf';
import { percentile } from './measure';
import { makePdf } from './pdf-writer';
import { seeded } from './random';
import { makeVocabulary } from './text-generator';

/**
 * Selection on a page -> text offsets -> rectangles again, on a generated 350-page PDF's
 * source map: what the page view does when the user selects and when it draws a highlight
 * made in the text view. One sample is one whole round trip.
 */
export async function pdfMapRoundTrip(samples = 2000): Promise<{ p50: number; p95: number; pages: number }> {
  const random = seeded(12);
  const words = makeVocabulary(random);
  const paragraphs = Array.from({ length: 1420 }, () => `${Array.from({ length: 60 + random.int(80) }, () => random.pick(words)).join(' ')}.`);
  const doc = await parsePdf(new Uint8Array(makePdf(paragraphs)), 'bench.pdf');
  const map = doc.sourceMap;
  const pages = map.pages.filter((p) => p.runs.length >= 8);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const page = random.pick(pages);
    const a = random.int(page.runs.length / 4 - 1) * 4;
    const b = Math.min(page.runs.length - 4, a + 4 * random.int(12));
    const start = performance.now();
    const from = itemPointToOffset(map, page.page, page.runs[a + 1]!, page.runs[a + 2]!);
    const to = itemPointToOffset(map, page.page, page.runs[b + 1]!, page.runs[b + 2]! + page.runs[b + 3]!);
    if (from !== undefined && to !== undefined && to > from) {
      textRangeToItems(map, from, to);
      textRangeToGeometry(map, from, to);
    }
    times.push(performance.now() - start);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), pages: map.pageCount };
}
