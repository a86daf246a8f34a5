import { describe, expect, it } from 'vitest';
import { ctx, doc } from './test-data';
import { w3cExporter } from './w3c';

describe('w3c export', () => {
  it("names the author of a comment that came in with the file, and no one for the user's own", () => {
    const d = doc('The budget rose by ten percent.', [
      ['rose', null, { author: 'Li Wei', createdAt: '2025-03-01T09:15:00.000Z' }],
      ['percent', null],
    ]);
    const [file] = w3cExporter.begin(ctx).add(d);
    const items = JSON.parse(file!.content as string).first.items as { creator?: unknown; created: string }[];
    expect(items.map((i) => [i.creator, i.created.slice(0, 10)])).toEqual([
      [{ type: 'Person', name: 'Li Wei' }, '2025-03-01'],
      [undefined, expect.any(String)],
    ]);
  });
});
