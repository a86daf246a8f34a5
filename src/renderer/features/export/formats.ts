import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/export/types';
import { i18n } from '../../i18n';

export interface FormatChoice {
  format: ExportFormat;
  name: string;
  /** one line: what it is and what it is for */
  description: string;
}

/** The formats in the contract's order, named in the interface language (i18n formats.*). */
export const formatChoices = (): FormatChoice[] =>
  EXPORT_FORMATS.map((format) => ({ format, name: i18n.t(`formats.${format}.name`), description: i18n.t(`formats.${format}.description`) }));
