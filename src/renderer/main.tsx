import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api';
import { App } from './App';
import { initI18n, resolveLanguage } from './i18n';
import { restoreLastRoute } from './shell/session';
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
restoreLastRoute();
const store = createAppStore(api);
initI18n(resolveLanguage(store.getState().language));
connectEvents(store, api);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreContext value={store}>
      <App />
    </StoreContext>
  </StrictMode>,
);
