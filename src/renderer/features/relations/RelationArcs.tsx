import { useTranslation } from 'react-i18next';
import { useEffect, useState, type RefObject } from 'react';
import { arcBetween, type Arc } from './arc-geometry';
import type { ShownRelation } from './relation-text';

interface DrawnArc extends Arc {
  id: string;
  color: string;
  name: string;
  directed: boolean;
  flagged: boolean;
}

/**
 * Relations as arcs over the text: an SVG laid over the reader's column, or inside the page
 * view's scroller over a PDF's pages (between the mentions' boxes drawn on the pages). Only
 * relations whose two mentions are rendered are drawn (a long document renders some blocks,
 * pdf.js some pages, at a time); positions are measured once per animation frame after the
 * content changes.
 */
export function RelationArcs({ relations, containerRef }: { relations: readonly ShownRelation[]; containerRef: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const [arcs, setArcs] = useState<DrawnArc[]>([]);
  const [size, setSize] = useState({ width: 0, height: 0 });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const origin = container.getBoundingClientRect();
      // In a container that scrolls (the page view's), the arcs scroll with its content.
      const dx = container.scrollLeft - origin.left;
      const dy = container.scrollTop - origin.top;
      const box = (id: string) => {
        const mark = container.querySelector<HTMLElement>(`mark[data-annotation-id="${CSS.escape(id)}"]`);
        if (!mark) return null;
        const r = mark.getBoundingClientRect();
        return { left: r.left + dx, top: r.top + dy, width: r.width, height: r.height };
      };
      const next: DrawnArc[] = [];
      for (const { relation, from, to, type, problems } of relations) {
        const a = box(from.id);
        const b = box(to.id);
        if (a && b) next.push({ id: relation.id, color: type.color, name: type.name, directed: type.directed, flagged: problems.length > 0, ...arcBetween(a, b) });
      }
      setSize({ width: container.scrollWidth, height: container.scrollHeight });
      setArcs(next);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    schedule();
    if (!relations.length) return () => cancelAnimationFrame(frame);
    // Blocks mount and unmount as the reader scrolls (virtualised), and text reflows on resize.
    const mutations = new MutationObserver(schedule);
    mutations.observe(container, { childList: true, subtree: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(container);
    return () => {
      cancelAnimationFrame(frame);
      mutations.disconnect();
      resize.disconnect();
    };
  }, [relations, containerRef]);

  if (!relations.length) return null;
  return (
    <svg className="relation-arcs" width={size.width} height={size.height} aria-label={t('relation.arcs')} role="img">
      <defs>
        {[...new Set(arcs.filter((a) => a.directed).map((a) => a.color))].map((color) => (
          <marker key={color} id={`arrow-${color.slice(1)}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
          </marker>
        ))}
      </defs>
      {arcs.map((arc) => (
        <g key={arc.id} data-relation-id={arc.id} {...(arc.flagged ? { 'data-flagged': 'true' } : {})}>
          {/* A relation to check (an end relabelled since) is dashed: see the sidebar for why. */}
          <path d={arc.path} fill="none" stroke={arc.color} strokeWidth="1.5" strokeDasharray={arc.flagged ? '4 3' : undefined} markerEnd={arc.directed ? `url(#arrow-${arc.color.slice(1)})` : undefined} />
          <text x={arc.labelX} y={arc.labelY - 3} textAnchor="middle" className="relation-arc-label" fill={arc.color}>
            {arc.name}
          </text>
        </g>
      ))}
    </svg>
  );
}
