import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { buildSegments, type Layer, type Segment } from '../annotations/segments';
import { i18n } from '../../i18n';
import { layersIn, type LayerSource } from './layers';

/** The text [from, to) with its highlights, mentions, suggestions and find hits as nested marks. */
export function BlockText({ text, from, to, source }: { text: string; from: number; to: number; source: LayerSource }) {
  const layers = layersIn(source, from, to);
  if (layers.length === 0) return <>{text.slice(from, to)}</>;
  return (
    <>
      {buildSegments(from, to, layers).map((segment) => {
        let node: ReactNode = text.slice(segment.start, segment.end);
        for (let i = segment.layers.length - 1; i >= 0; i--) node = wrap(segment.layers[i]!, segment, node);
        return <Fragment key={segment.start}>{node}</Fragment>;
      })}
    </>
  );
}

/** The piece where a span starts carries its label tag (drawn by CSS, so it is not part of the text). */
const edges = (layer: Layer, segment: Segment) => `${segment.start === layer.start ? ' span-start' : ''}${segment.end === layer.end ? ' span-end' : ''}`;

const tint = (color: string) => ({ '--label': color }) as CSSProperties;

function wrap(layer: Layer, segment: Segment, inner: ReactNode): ReactNode {
  switch (layer.kind) {
    case 'annotation':
      return (
        <mark data-annotation-id={layer.id} className={`hl hl-${layer.color}`}>
          {inner}
        </mark>
      );
    case 'mention':
      return layer.layer ? (
        <mark
          data-layer-annotation-id={layer.id}
          data-layer={layer.layer}
          data-label={layer.label}
          className={`mention mention-other${edges(layer, segment)}`}
          style={tint(layer.color)}
          title={i18n.t('layers.otherMention', { label: layer.label, layer: layer.layer })}
        >
          {inner}
        </mark>
      ) : (
        <mark data-annotation-id={layer.id} data-label={layer.label} className={`mention${edges(layer, segment)}`} style={tint(layer.color)}>
          {inner}
        </mark>
      );
    case 'suggestion':
      return (
        <mark
          data-suggestion-index={layer.index}
          data-label={layer.label}
          className={`suggestion${layer.current ? ' suggestion-current' : ''}${edges(layer, segment)}`}
          style={tint(layer.color)}
        >
          {inner}
        </mark>
      );
    case 'uncertain':
      return (
        <span className="ocr-uncertain" title={i18n.t('ocr.uncertain')}>
          {inner}
        </span>
      );
    default:
      return (
        <mark className={layer.current ? 'find-hit find-current' : 'find-hit'} data-find-index={layer.index}>
          {inner}
        </mark>
      );
  }
}
