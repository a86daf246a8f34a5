import { useTranslation } from 'react-i18next';
import { formatCombo } from '../../commands/keys';
import { ImportControls } from './ImportControls';
import { AnnotationImportButton } from '../export/AnnotationImportButton';

/** The first thing a new archive shows: where documents come from, and where the commands are. */
export function EmptyLibrary() {
  const { t } = useTranslation();
  return (
    <section className="empty-library" aria-labelledby="empty-title">
      <div className="drop-target">
        <div className="drop-icon" aria-hidden="true">
          ⇣
        </div>
        <h2 id="empty-title">{t('library.emptyTitle')}</h2>
        <p>{t('library.emptyHint')}</p>
        <ImportControls size="large" />
        <p className="hint">{t('library.emptyCorpus')}</p>
        <AnnotationImportButton />
        <p className="hint">{t('library.emptyKeys', { keys: formatCombo('mod+k') })}</p>
      </div>
    </section>
  );
}
