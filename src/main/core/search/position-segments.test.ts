import { describe, expect, it } from 'vitest';
import { blockOf, decodeBlock, mergeMemorySegments, SegmentWriter } from './position-segments';

/** Each (term, serial, bytes) of a segment, read back through its blocks. */
function entries(segment: ReturnType<SegmentWriter['finish']>): [number, number, number[]][] {
  const out: [number, number, number[]][] = [];
  for (const t of segment.terms) {
    const [from, to] = blockOf(segment, t)!;
    const block = decodeBlock(segment.bytes!.subarray(from, to))!;
    block.serials.forEach((serial, e) => out.push([t, serial, [...block.bytes.subarray(e ? block.ends[e - 1] : 0, block.ends[e])]]));
  }
  return out;
}

describe('SegmentWriter', () => {
  it('writes each term a block of its documents and their positions, and counts the documents once each, whichever serial comes first', () => {
    const writer = new SegmentWriter();
    const added: [number, number, number[]][] = [];
    // Many documents per term (past the writer's first arrays), serials below the first one seen, bytes of every length.
    for (let t = 0; t < 40; t++) {
      for (let serial = 1000 - t * 10; serial < 3500; serial += 1 + (t % 3)) {
        const bytes = Array.from({ length: 1 + ((serial + t) % 5) }, (_, k) => (serial * 7 + k + t) & 0xff);
        writer.add(t, serial, Uint8Array.from([9, ...bytes, 9]), 1, bytes.length + 1);
        added.push([t, serial, bytes]);
      }
    }
    writer.add(40, 5, new Uint8Array([1]), 0, 0); // no positions: nothing
    const segment = writer.finish();
    expect(entries(segment)).toEqual(added);
    expect(segment.docs).toBe(new Set(added.map(([, serial]) => serial)).size);
    // Two segments merged: one block per term, the documents counted across both.
    const second = new SegmentWriter();
    second.add(3, 4000, new Uint8Array([1, 2]), 0, 2);
    second.add(50, 4001, new Uint8Array([3]), 0, 1);
    const merged = mergeMemorySegments([segment, second.finish()]);
    const expected = [...added.filter(([t]) => t <= 3), [3, 4000, [1, 2]], ...added.filter(([t]) => t > 3), [50, 4001, [3]]];
    expect(entries(merged)).toEqual(expected);
    expect(merged.docs).toBe(segment.docs + 2);
  });
});
