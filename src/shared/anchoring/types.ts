/**
 * Where an annotation points in a document's normalised text (`text.txt`).
 *
 * A W3C TextPositionSelector (`start`, `end`) and TextQuoteSelector (`quote`, `prefix`,
 * `suffix`) in one object, so it exports without loss. Offsets are UTF-16 code units,
 * `end` exclusive; `quote === text.slice(start, end)` in the text it was described from.
 */
export interface TextTarget {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** A place a target was found, with how confident we are (0..1, 1 = untouched). */
export interface AnchorSpan {
  start: number;
  end: number;
  score: number;
}

/**
 * - `exact`: the quote is still at its old offsets (context agrees, or is the best there is);
 * - `moved`: the quote occurs verbatim elsewhere and context picked the occurrence;
 * - `fuzzy`: the quote was edited; an approximate match scored above the threshold;
 * - `orphan`: nothing convincing; `best` is the closest candidate, for the user to judge.
 */
export type AnchorResult =
  | ({ status: 'exact' | 'moved' | 'fuzzy' } & AnchorSpan)
  | { status: 'orphan'; reason: string; best?: AnchorSpan };

export interface AnchorOptions {
  /**
   * Where the quote is expected in the new text (defaults to `target.start`). anchorAll
   * passes the old start shifted by the displacement of the previous anchored target.
   */
  hint?: number;
}
