import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerHandle } from './use-pdf-viewer';

interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

/** The PDF's outline (its bookmarks) as a nested list; a click goes to the place it names. */
export function OutlineList({ handle }: { handle: ViewerHandle }) {
  const { t } = useTranslation();
  const [outline, setOutline] = useState<OutlineNode[] | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    handle.document
      .getOutline()
      .then((nodes) => live && setOutline((nodes as OutlineNode[] | null) ?? null))
      .catch(() => live && setOutline(null));
    return () => {
      live = false;
    };
  }, [handle]);

  const go = (dest: OutlineNode['dest']) => {
    if (dest) void handle.viewer.linkService.goToDestination(dest as never);
  };

  return (
    <nav className="page-outline" aria-label={t('pages.outline')}>
      <h2>{t('pages.outline')}</h2>
      {outline === undefined && <p className="hint">{t('ui.opening')}</p>}
      {outline === null && <p className="hint">{t('pages.noOutline')}</p>}
      {outline && <Nodes nodes={outline} go={go} />}
    </nav>
  );
}

function Nodes({ nodes, go }: { nodes: OutlineNode[]; go(dest: OutlineNode['dest']): void }) {
  return (
    <ul>
      {nodes.map((node, i) => (
        <li key={i}>
          <button type="button" className="outline-item" onClick={() => go(node.dest)} disabled={!node.dest}>
            {node.title || '—'}
          </button>
          {node.items.length > 0 && <Nodes nodes={node.items} go={go} />}
        </li>
      ))}
    </ul>
  );
}
