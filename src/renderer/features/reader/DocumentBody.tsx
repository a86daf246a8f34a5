import { memo, useMemo, type MouseEvent, type Ref } from 'react';
import type { Block } from '../../../shared/model';
import { BlockGroupView } from './BlockGroupView';
import { groupBlocks, groupSpan } from './group-blocks';
import type { LayerSource } from './layers';
import { useFocusRequest } from './use-focus-request';
import { VirtualBlocks } from './VirtualBlocks';

/** Past this many top-level groups the reader renders only what is near the viewport. */
export const VIRTUALISE_FROM = 400;

interface Props {
  text: string;
  blocks: Block[];
  source: LayerSource;
  articleRef: Ref<HTMLElement>;
  onMarkClick(annotationId: string, event: MouseEvent): void;
}

/** The document's blocks, rendered by kind, with highlights and find hits; one pass over the blocks. */
export const DocumentBody = memo(function DocumentBody({ text, blocks, source, articleRef, onMarkClick }: Props) {
  const groups = useMemo(
    () => groupBlocks(blocks.length ? blocks : [{ kind: 'paragraph', start: 0, end: text.length }]),
    [blocks, text.length],
  );
  const starts = useMemo(() => groups.map((g) => groupSpan(g).start), [groups]);
  const virtual = groups.length >= VIRTUALISE_FROM;

  const onClick = (event: MouseEvent) => {
    if (!document.getSelection()?.isCollapsed) return;
    const mark = (event.target as Element).closest<HTMLElement>('mark[data-annotation-id]');
    if (mark?.dataset.annotationId) onMarkClick(mark.dataset.annotationId, event);
  };

  if (virtual) {
    return (
      <article ref={articleRef} className="document-body" onClick={onClick}>
        <VirtualBlocks groups={groups} starts={starts} text={text} source={source} />
      </article>
    );
  }
  return (
    <article ref={articleRef} className="document-body" onClick={onClick}>
      <PlainBlocks groups={groups} starts={starts} text={text} source={source} />
    </article>
  );
});

function PlainBlocks({ groups, starts, text, source }: { groups: ReturnType<typeof groupBlocks>; starts: number[]; text: string; source: LayerSource }) {
  useFocusRequest(starts, null);
  return (
    <>
      {groups.map((group, i) => (
        <BlockGroupView key={starts[i]} group={group} text={text} source={source} />
      ))}
    </>
  );
}
