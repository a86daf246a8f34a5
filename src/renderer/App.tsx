import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Overlays } from './commands/Overlays';
import { useCommandKeys } from './commands/use-command-keys';
import { Toasts } from './components/Toasts';
import { NoticeBanner } from './components/NoticeBanner';
import { EntitiesView } from './features/entities/EntitiesView';
import { EntityPage } from './features/entities/EntityPage';
import { ExportDialog } from './features/export/ExportDialog';
import { LibraryView } from './features/library/LibraryView';
import { useFileDrop } from './features/library/use-file-drop';
import { ReaderView } from './features/reader/ReaderView';
import { RepairsView } from './features/repairs/RepairsView';
import { ReviewView } from './features/review/ReviewView';
import { SettingsView } from './features/settings/SettingsView';
import { TrashView } from './features/trash/TrashView';
import { useSettingsRoute } from './features/settings/use-settings-route';
import { useRoute, type Route } from './routing';
import { useLanguage, useTheme } from './shell/use-appearance';
import { useSessionMemory } from './shell/session';
import { useAppStore } from './store';

export function App() {
  const route = useRoute();
  const settings = useSettingsRoute();
  const loadInfo = useAppStore((s) => s.loadInfo);
  const loadRepairs = useAppStore((s) => s.loadRepairs);
  const dragging = useFileDrop();
  const { t } = useTranslation();
  useTheme();
  useLanguage();
  useCommandKeys();
  useSessionMemory();

  useEffect(() => {
    void loadInfo();
    void loadRepairs();
  }, [loadInfo, loadRepairs]);

  const routeKey = route.name === 'document' || route.name === 'entity' || route.name === 'review' ? route.id : '';
  // Block body on purpose: newer Chromium returns a promise from scrollTo, and React calls whatever an effect returns.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [route.name, routeKey]);

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        {t('app.skip')}
      </a>
      <NoticeBanner />
      <div id="content" className="content" tabIndex={-1}>
        {settings ? <SettingsView /> : <RouteView route={route} />}
      </div>
      <ExportDialog />
      <Overlays />
      <Toasts />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-box">{t('app.drop')}</div>
        </div>
      )}
    </div>
  );
}

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'document':
      return <ReaderView id={route.id} />;
    case 'review':
      return <ReviewView id={route.id} />;
    case 'entities':
      return <EntitiesView />;
    case 'entity':
      return <EntityPage id={route.id} />;
    case 'trash':
      return <TrashView />;
    case 'repairs':
      return <RepairsView />;
    default:
      return <LibraryView />;
  }
}
