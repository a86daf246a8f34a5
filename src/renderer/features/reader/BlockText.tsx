import { Fragment, type ReactNode } from 'react';
import { buildSegments, type Layer } from '../annotations/segments';
import { layersIn, type LayerSource } from './layers';

/** The text [from, to) with its highlights and find hits as nested marks. */
export function BlockText({ text, from, to, source }: { text: string; from: number; to: number; source: LayerSource }) {
  const layers = layersIn(source, from, to);
  if (layers.length === 0) return <>{text.slice(from, to)}</>;
  return (
    <>
      {buildSegments(from, to, layers).map((segment) => {
        let node: ReactNode = text.slice(segment.start, segment.end);
        for (let i = segment.layers.length - 1; i >= 0; i--) node = wrap(segment.layers[i]!, node);
        return <Fragment key={segment.start}>{node}</Fragment>;
      })}
    </>
  );
}

function wrap(layer: Layer, inner: ReactNode): ReactNode {
  if (layer.kind === 'annotation') {
    return (
      <mark data-annotation-id={layer.id} className={`hl hl-${layer.color}`}>
        {inner}
      </mark>
    );
  }
  return (
    <mark className={layer.current ? 'find-hit find-current' : 'find-hit'} data-find-index={layer.index}>
      {inner}
    </mark>
  );
}
