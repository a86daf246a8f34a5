import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { libraryHref } from '../../routing';
import { useAppStore } from '../../store';
import { AnnotationPopover } from '../annotations/AnnotationPopover';
import { AnnotationSidebar } from '../annotations/AnnotationSidebar';
import { NotePanel } from '../annotations/NotePanel';
import { SelectionToolbar } from '../annotations/SelectionToolbar';
import { useReaderKeys } from '../annotations/use-reader-keys';
import { queryOfHash } from './doc-query';
import { DocumentBody } from './DocumentBody';
import { DocumentHeader } from './DocumentHeader';
import { FindBar } from './FindBar';
import { annotationLayers, layerSource, layersKey } from './layers';

const subscribeHash = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function ReaderView({ id }: { id: string }) {
  const reader = useAppStore((s) => s.reader);
  const openDocument = useAppStore((s) => s.openDocument);
  const closeDocument = useAppStore((s) => s.closeDocument);
  const items = useAppStore((s) => (s.annotations?.docId === id ? s.annotations.items : null));
  const find = useAppStore((s) => s.find);
  const openFind = useAppStore((s) => s.openFind);
  const runFind = useAppStore((s) => s.runFind);
  const loadSettings = useAppStore((s) => s.loadSettings);
  const openAnnotation = useAppStore((s) => s.openAnnotation);
  const query = queryOfHash(useSyncExternalStore(subscribeHash, () => window.location.hash));

  useEffect(() => {
    void openDocument(id);
    void loadSettings();
    return closeDocument;
  }, [id, openDocument, closeDocument, loadSettings]);

  // #/doc/<id>?q=…: the library's search led here; show its hits and go to the first.
  useEffect(() => {
    if (!query) return;
    openFind(query);
    void runFind(query);
  }, [id, query, openFind, runFind]);

  const content = reader?.id === id ? reader.content : null;
  const title = content?.meta.title;
  useEffect(() => {
    document.title = title ? `${title} — Marginalia` : 'Marginalia';
  }, [title]);

  useReaderKeys(id, content?.text ?? null);

  const key = items ? layersKey(items) : '';
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const highlights = useMemo(() => annotationLayers(itemsRef.current ?? []), [key]);
  const hits = find.open ? find.hits : noHits;
  const source = useMemo(() => layerSource(highlights, hits, find.current), [highlights, hits, find.current]);
  const articleRef = useRef<HTMLElement>(null);
  const onMarkClick = useCallback((annotationId: string) => openAnnotation(annotationId), [openAnnotation]);

  return (
    <main className="reader">
      <nav className="reader-nav" aria-label="Breadcrumb">
        <a href={libraryHref} className="back-link">
          <span aria-hidden="true">← </span>Library
        </a>
      </nav>
      {find.open && <FindBar />}
      {reader?.status === 'failed' && (
        <div role="alert" className="alert alert-error">
          <div className="alert-text">
            <strong>Could not open this document</strong>
            <span>{reader.error}</span>
          </div>
        </div>
      )}
      {!content && reader?.status === 'loading' && <p className="loading">Opening the document…</p>}
      {content && (
        <div className="reader-layout">
          <div className="reader-main">
            <DocumentHeader meta={content.meta} />
            <DocumentBody text={content.text} blocks={content.blocks} source={source} articleRef={articleRef} onMarkClick={onMarkClick} />
          </div>
          <aside className="reader-side" aria-label="Note and highlights">
            <NotePanel docId={id} />
            <AnnotationSidebar text={content.text} />
          </aside>
          <SelectionToolbar docId={id} text={content.text} />
          <AnnotationPopover />
        </div>
      )}
    </main>
  );
}

const noHits: [number, number][] = [];
