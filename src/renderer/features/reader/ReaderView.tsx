import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { useReadingPosition } from './use-reading-position';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useAppStore } from '../../store';
import { AnnotationPopover } from '../annotations/AnnotationPopover';
import { AnnotationSidebar } from '../annotations/AnnotationSidebar';
import { NotePanel } from '../annotations/NotePanel';
import { SelectionToolbar } from '../annotations/SelectionToolbar';
import { useReaderKeys } from '../annotations/use-reader-keys';
import { EntitySidebar } from '../entities/EntitySidebar';
import { suggestionLayers } from '../entities/suggestion-layers';
import { LinkingBar } from '../relations/LinkingBar';
import { RelationArcs } from '../relations/RelationArcs';
import { shownRelations } from '../relations/relation-text';
import { SuggestionBar } from '../entities/SuggestionBar';
import { TagAllDialog } from '../entities/TagAllDialog';
import { useEntityKeys } from '../entities/use-entity-keys';
import { annotationOfHash, queryOfHash } from './doc-query';
import { DocumentBody } from './DocumentBody';
import { DocumentHeader } from './DocumentHeader';
import { uncertainWords } from '../ocr/uncertain-words';
import { FindBar } from './FindBar';
import { annotationLayers, layerSource, layersKey, otherLayerMarks } from './layers';
import { reviewHref } from '../../routing';
import { useStoreApi } from '../library/use-store-api';
import { runCommand } from '../../commands/run-command';
import { isPaged } from '../../../shared/model';
import { prepareDocument } from '../pages/pdf-engine';

// pdf.js is large: it loads when a PDF is first shown as pages.
const PageView = lazy(() => import('../pages/PageView'));

const subscribeHash = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function ReaderView({ id }: { id: string }) {
  const { t } = useTranslation();
  const reader = useAppStore((s) => s.reader);
  const openDocument = useAppStore((s) => s.openDocument);
  const closeDocument = useAppStore((s) => s.closeDocument);
  const items = useAppStore((s) => (s.annotations?.docId === id ? s.annotations.items : null));
  const find = useAppStore((s) => s.find);
  const openFind = useAppStore((s) => s.openFind);
  const runFind = useAppStore((s) => s.runFind);
  const loadSettings = useAppStore((s) => s.loadSettings);
  const openAnnotation = useAppStore((s) => s.openAnnotation);
  const loadLabels = useAppStore((s) => s.loadLabels);
  const labels = useAppStore((s) => s.labels);
  const suggestions = useAppStore((s) => (s.suggestions?.docId === id ? s.suggestions : null));
  const focusOffset = useAppStore((s) => s.focusOffset);
  const toggleSuggestions = useAppStore((s) => s.toggleSuggestions);
  const loadRelationTypes = useAppStore((s) => s.loadRelationTypes);
  const relationTypes = useAppStore((s) => s.relationTypes);
  const linking = useAppStore((s) => s.linking);
  const setLinkTarget = useAppStore((s) => s.setLinkTarget);
  const cancelLinking = useAppStore((s) => s.cancelLinking);
  const readerMode = useAppStore((s) => s.readerMode);
  const listedAsPdf = useAppStore((s) => isPaged(s.documents.find((d) => d.id === id)?.type));
  const setReaderMode = useAppStore((s) => s.setReaderMode);
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const query = queryOfHash(hash);
  const goTo = annotationOfHash(hash);

  // A PDF opens as pages: its bytes are asked for first, before the document's text and the
  // sidebars' calls take the browser's six connections to the server, and pdf.js with its
  // worker start loading while the text is on its way (pdf-engine.ts is small; pdf.js is not).
  useEffect(() => {
    if (!listedAsPdf || readerMode !== 'pages') return;
    void prepareDocument(id).catch(() => undefined);
    void import('../pages/PageView').catch(() => undefined);
  }, [id, listedAsPdf, readerMode]);

  useEffect(() => {
    void openDocument(id);
    void loadSettings();
    void loadLabels();
    void loadRelationTypes();
    setReaderMode('pages');
    return () => {
      cancelLinking();
      closeDocument();
    };
  }, [id, openDocument, closeDocument, loadSettings, loadLabels, loadRelationTypes, cancelLinking, setReaderMode]);

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

  // #/doc/<id>?annotation=<aid>: the entity page (or a link) led here; go to it and flash it, once it is drawn.
  const target = goTo ? items?.find((a) => a.id === goTo) : undefined;
  const ready = Boolean(content && target);
  useEffect(() => {
    if (ready && target) focusOffset(target.target.start, target.id);
    // only a new address (or the first render of its target) moves the reader
  }, [ready, goTo]);

  // #/doc/<id> alone: back to where the reader was; ?q= and ?annotation= go to places of their own.
  useReadingPosition(id, content !== null, !query && !goTo);
  useReaderKeys();
  useEntityKeys(id, content?.text ?? null);

  const key = items ? layersKey(items) : '';
  const itemsRef = useRef(items);
  itemsRef.current = items;
  // Other annotators' layers: kept apart, drawn read-only where the user asks (#18).
  const others = useAppStore((s) => (s.otherLayers?.docId === id ? s.otherLayers : null));
  const showOthers = useAppStore((s) => s.showOtherLayers);
  const toggleOthers = useAppStore((s) => s.toggleOtherLayers);
  const working = useAppStore((s) => s.workingLayer);
  const setWorkingLayer = useAppStore((s) => s.setWorkingLayer);
  const own = useMemo(() => annotationLayers(itemsRef.current ?? [], labels), [key, labels]);
  const highlights = useMemo(() => (showOthers && others?.items.length ? [...own, ...otherLayerMarks(others.items, labels, others.user)] : own), [own, showOthers, others, labels]);
  const suggested = useMemo(() => suggestionLayers(suggestions, labels), [suggestions, labels]);
  const layers = useMemo(() => (suggested.length ? [...highlights, ...suggested] : highlights), [highlights, suggested]);
  const hits = find.open ? find.hits : noHits;
  // A scan's words read with low confidence are marked in the text (their confidences are in the page map).
  const ocrDone = !!content && isPaged(content.meta.type) && content.meta.ocr?.state === 'done';
  const version = content?.meta.version;
  const loadPdfMap = useAppStore((s) => s.loadPdfMap);
  const pdfMap = useAppStore((s) => (s.pdfMap?.docId === id ? s.pdfMap.map : null));
  useEffect(() => {
    if (ocrDone) void loadPdfMap(id, version);
  }, [ocrDone, id, version, loadPdfMap]);
  const uncertain = useMemo(() => (ocrDone ? uncertainWords(pdfMap) : []), [ocrDone, pdfMap]);
  const source = useMemo(() => layerSource(layers, hits, find.current, uncertain), [layers, hits, find.current, uncertain]);
  const articleRef = useRef<HTMLElement>(null);
  const mainRef = useRef<HTMLDivElement>(null);
  const relations = useMemo(() => shownRelations(items ?? [], relationTypes), [items, relationTypes]);
  // While a relation is being made, a click on a mention makes it the other end.
  const linkingHere = linking?.docId === id;
  const onMarkClick = useCallback(
    (annotationId: string) => {
      const clicked = itemsRef.current?.find((a) => a.id === annotationId);
      if (linkingHere && clicked?.kind === 'entity') setLinkTarget(annotationId);
      else openAnnotation(annotationId);
    },
    [openAnnotation, linkingHere, setLinkTarget],
  );
  const isPdf = content ? isPaged(content.meta.type) : listedAsPdf;
  const pages = isPdf && readerMode === 'pages';
  // The library already says it is a PDF: its pages start loading before the text arrives.
  const earlyPages = !content && pages && reader?.status !== 'failed';

  return (
    <main className={pages ? 'reader reader-pages' : 'reader'}>
      <Breadcrumbs>
        {isPdf && <ViewToggle pages={pages} />}
        <button
          type="button"
          className="button-quiet suggest-toggle"
          aria-pressed={suggestions !== null}
          aria-keyshortcuts="s"
          onClick={() => void toggleSuggestions(id)}
        >
          {t('ui.suggest')} <kbd aria-hidden="true">s</kbd>
        </button>
        {!!others?.items.length && (
          <>
            <button type="button" className="button-quiet" aria-pressed={showOthers} title={t('layers.othersHint')} onClick={toggleOthers}>
              {t('layers.showOthers')}
            </button>
            <a className="button-quiet" href={reviewHref(id)}>
              {t('layers.review')}
            </a>
          </>
        )}
      </Breadcrumbs>
      {working && (
        <div role="status" className="alert working-layer">
          <span className="alert-text">{t('layers.editingGold')}</span>
          <button type="button" className="button-secondary" onClick={() => void setWorkingLayer(null)}>
            {t('layers.backToOwn')}
          </button>
        </div>
      )}
      {find.open && <FindBar />}
      <SuggestionBar docId={id} />
      <LinkingBar docId={id} />
      {reader?.status === 'failed' && (
        <div role="alert" className="alert alert-error">
          <div className="alert-text">
            <strong>{t('ui.openFailed')}</strong>
            <span>{reader.error}</span>
          </div>
        </div>
      )}
      {!content && !earlyPages && reader?.status === 'loading' && <p className="loading">{t('ui.opening')}</p>}
      {(content || earlyPages) && (
        <div className="reader-layout">
          <div className={relations.length && !pages ? 'reader-main with-relations' : 'reader-main'} ref={mainRef}>
            {content && <DocumentHeader meta={content.meta} />}
            {pages || earlyPages ? (
              <Suspense fallback={<p className="loading">{t('ui.opening')}</p>}>
                <PageView docId={id} blocks={content?.blocks ?? null} items={items} source={source} onMarkClick={onMarkClick} relations={relations} />
              </Suspense>
            ) : (
              content && <DocumentBody text={content.text} blocks={content.blocks} source={source} articleRef={articleRef} onMarkClick={onMarkClick} />
            )}
            {!pages && <RelationArcs relations={relations} containerRef={mainRef} />}
          </div>
          {content && (
            <>
              <aside className="reader-side" aria-label={t('ui.side')}>
                <NotePanel docId={id} />
                <AnnotationSidebar text={content.text} />
                <EntitySidebar text={content.text} />
              </aside>
              <SelectionToolbar docId={id} text={content.text} />
              <AnnotationPopover />
              <TagAllDialog />
            </>
          )}
        </div>
      )}
    </main>
  );
}

const noHits: [number, number][] = [];

/** Pages ↔ text for a PDF (key p), at the same place: the command does the switching. */
function ViewToggle({ pages }: { pages: boolean }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  return (
    <button type="button" className="button-quiet view-toggle" aria-keyshortcuts="p" onClick={() => runCommand(store, 'pages.toggle')}>
      {pages ? t('pages.showText') : t('pages.showPages')} <kbd aria-hidden="true">p</kbd>
    </button>
  );
}
