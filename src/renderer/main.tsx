// First: it asks for the library's table before the rest of the bundle is evaluated.
import { startsOnLibrary } from './start-early';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api';
import { App } from './App';
import { initI18n, resolveLanguage } from './i18n';
import { connectEvents, createAppStore, StoreContext } from './store';
import './styles/base.css';
import './styles/themes.css';
import './styles/library.css';
import './styles/library-table.css';
import './styles/search.css';
import './styles/reader.css';
import './styles/annotations.css';
import './styles/pages.css';
import './styles/entities.css';
import './styles/entities-views.css';
import './styles/commands.css';
import './styles/trash.css';
import './styles/repairs.css';
import './styles/ocr.css';

const api = connectApi();
const store = createAppStore(api);
initI18n(resolveLanguage(store.getState().language));
connectEvents(store, api);
// The library's table is the largest answer of a start (~13 MB of JSON at 100,000 documents):
// loaded now, while React renders the first screen, not once the library view has mounted
// (issue #19); in browser mode the request went out already (start-early.ts).
if (startsOnLibrary) void store.getState().loadLibrary();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreContext value={store}>
      <App />
    </StoreContext>
  </StrictMode>,
);
