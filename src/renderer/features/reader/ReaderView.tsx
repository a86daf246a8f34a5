import { useEffect } from 'react';
import { libraryHref } from '../../routing';
import { useAppStore } from '../../store';
import { DocumentBody } from './DocumentBody';
import { DocumentHeader } from './DocumentHeader';

export function ReaderView({ id }: { id: string }) {
  const reader = useAppStore((s) => s.reader);
  const openDocument = useAppStore((s) => s.openDocument);
  const closeDocument = useAppStore((s) => s.closeDocument);

  useEffect(() => {
    void openDocument(id);
    return closeDocument;
  }, [id, openDocument, closeDocument]);

  const content = reader?.id === id ? reader.content : null;
  const title = content?.meta.title;
  useEffect(() => {
    document.title = title ? `${title} — Marginalia` : 'Marginalia';
  }, [title]);

  return (
    <main className="reader">
      <nav className="reader-nav" aria-label="Breadcrumb">
        <a href={libraryHref} className="back-link">
          <span aria-hidden="true">← </span>Library
        </a>
      </nav>
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
        <>
          <DocumentHeader meta={content.meta} />
          <DocumentBody text={content.text} blocks={content.blocks} />
        </>
      )}
    </main>
  );
}
