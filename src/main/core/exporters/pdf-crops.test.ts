import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderAreaCrops } from './pdf-crops';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const MAINT_GUIDE = fileURLToPath(new URL('../../../../../shared/corpus/pdf/maint-guide.zh-cn.pdf', import.meta.url));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const size = (png: Uint8Array): [number, number] => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
};

describe('PNG crops of area annotations', () => {
  it('renders the rectangle of a page at twice its size, in the sandboxed renderer', async () => {
    const crops = await renderAreaCrops(bytes('pdf-two-column.pdf'), [
      { id: 'left', page: 1, rect: [60, 600, 320, 760] },
      { id: 'chinese-elsewhere', page: 2, rect: [300, 50, 400, 100] },
    ]);
    const left = crops.get('left')!;
    expect([...left.slice(0, 8)]).toEqual(PNG);
    expect(size(left)).toEqual([520, 320]);
    // A blank stretch of a page is a (small, white) picture all the same.
    expect(size(crops.get('chinese-elsewhere')!)).toEqual([200, 100]);
  });

  // A Chinese PDF with embedded fonts renders as printed. (A font that is not embedded, as in
  // fixtures/pdf-chinese.pdf, comes out as empty boxes: the renderer has no system fonts.)
  it.runIf(existsSync(MAINT_GUIDE))('renders a page of a real Chinese PDF', async () => {
    const crops = await renderAreaCrops(new Uint8Array(readFileSync(MAINT_GUIDE)), [{ id: 'section', page: 9, rect: [50, 500, 550, 780] }]);
    expect(size(crops.get('section')!)).toEqual([1000, 560]);
    // Text in ink: far more bytes than a blank crop of that size.
    expect(crops.get('section')!.length).toBeGreaterThan(50_000);
  });

  it('leaves out what it cannot render and says why for a PDF it cannot open', async () => {
    const crops = await renderAreaCrops(bytes('pdf-two-column.pdf'), [{ id: 'nowhere', page: 9, rect: [0, 0, 10, 10] }]);
    expect(crops.size).toBe(0);
    await expect(renderAreaCrops(bytes('pdf-encrypted-user-password.pdf'), [{ id: 'x', page: 1, rect: [0, 0, 10, 10] }])).rejects.toThrow(/password/i);
  });
});
