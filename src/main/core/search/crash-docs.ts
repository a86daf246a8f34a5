/** Documents made from their id alone, for the crash tests of the index's files (the test rebuilds them to compare). */
import { seededWords } from './merge-test-words';
import type { IndexableDoc } from './types';

export function crashDoc(id: string): IndexableDoc {
  let seed = 7;
  for (const c of id) seed = (seed * 31 + c.charCodeAt(0)) >>> 0;
  const words = seededWords(seed);
  return { id, title: words(2).join(' '), text: Array.from({ length: 3 }, () => words(12).join(' ')).join('\n\n'), meta: { type: 'txt' } };
}
