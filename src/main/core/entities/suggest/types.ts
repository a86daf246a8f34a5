import type { Suggestion } from '../../../../shared/model';

/** A span one layer proposes, before the layers are merged (offsets: UTF-16 units). */
export type Candidate = Pick<Suggestion, 'start' | 'end' | 'label' | 'source'> & { entityId?: string };

/** A word from jieba with its part-of-speech tag and where it stands in the text. */
export interface TaggedWord {
  word: string;
  tag: string;
  start: number;
  end: number;
}
