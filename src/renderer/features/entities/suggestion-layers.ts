import type { Label } from '../../../shared/model';
import type { SuggestionsState } from '../../store/suggestions-slice';
import type { Layer } from '../annotations/segments';
import { labelColor } from './label-keys';

/** The suggestions on show as layers of the reader: dashed marks, the current one outlined. */
export function suggestionLayers(state: SuggestionsState | null, labels: readonly Label[]): Layer[] {
  if (!state) return [];
  return state.items.map((s, index) => ({ kind: 'suggestion', index, start: s.start, end: s.end, label: s.label, color: labelColor(labels, s.label), current: index === state.current }));
}
