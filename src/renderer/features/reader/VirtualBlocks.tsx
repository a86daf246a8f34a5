import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import { BlockGroupView } from './BlockGroupView';
import { groupSpan, type BlockGroup } from './group-blocks';
import type { LayerSource } from './layers';
import { useFocusRequest } from './use-focus-request';

interface Props {
  groups: BlockGroup[];
  starts: number[];
  text: string;
  source: LayerSource;
}

/** ~ one line of 70 characters per 26 px: a first guess, replaced by each group's measured height. */
const estimate = (group: BlockGroup) => {
  const { start, end } = groupSpan(group);
  return 30 + Math.ceil((end - start) / 70) * 31;
};

/**
 * Long documents: only the groups near the viewport are in the DOM, measured as they render.
 * The page (window) scrolls, so selections and find work as in a short document.
 */
export function VirtualBlocks({ groups, starts, text, source }: Props) {
  const list = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const measure = () => setScrollMargin((list.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: groups.length,
    estimateSize: (i) => estimate(groups[i]!),
    overscan: 8,
    scrollMargin,
  });
  useFocusRequest(starts, (index, align) => virtualizer.scrollToIndex(index, { align }));

  return (
    <div ref={list} className="virtual-blocks" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => (
        <div
          key={item.key}
          data-index={item.index}
          ref={virtualizer.measureElement}
          className="virtual-item"
          style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
        >
          <BlockGroupView group={groups[item.index]!} text={text} source={source} />
        </div>
      ))}
    </div>
  );
}
