import { reviewHref } from '../routing';
import { go } from './dom';
import { defineCommands } from './types';

/** Layers (#18): from the reader to the reviewer view of the same document. No default keys: the palette finds it. */
export const layerCommands = defineCommands({
  id: 'layers.review',
  title: 'cmd.reviewLayers',
  group: 'reader',
  keys: [],
  isEnabled: ({ route }) => route.name === 'document',
  run: ({ route }) => {
    if (route.name === 'document') go(reviewHref(route.id));
  },
});
