import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { DocumentTable } from './DocumentTable';
import { EmptyLibrary } from './EmptyLibrary';
import { ImportControls } from './ImportControls';
import { ImportStatus } from './ImportStatus';

export function LibraryView() {
  const documents = useAppStore((s) => s.documents);
  const status = useAppStore((s) => s.libraryStatus);
  const loadLibrary = useAppStore((s) => s.loadLibrary);

  useEffect(() => {
    document.title = 'Library — Marginalia';
  }, []);
  useEffect(() => {
    void loadLibrary();
  }, [loadLibrary]);

  const empty = status === 'ready' && documents.length === 0;
  return (
    <main className="library" aria-labelledby="library-title">
      <header className="library-header">
        <div>
          <h1 id="library-title">Library</h1>
          {status === 'ready' && documents.length > 0 && (
            <p className="library-count">{documents.length === 1 ? '1 document' : `${documents.length} documents`}</p>
          )}
        </div>
        {!empty && <ImportControls />}
      </header>
      <ImportStatus />
      {status === 'loading' && documents.length === 0 && <p className="loading">Loading the library…</p>}
      {empty && <EmptyLibrary />}
      {documents.length > 0 && <DocumentTable documents={documents} />}
    </main>
  );
}
