import { useTranslation } from 'react-i18next';
import type { RichDoc } from '../../../shared/model';
import { keptBlocks } from './kept-text';
import type { RichContentProblem } from './rich-content-check';

interface Props {
  value: RichDoc;
  problem: RichContentProblem;
  label: string;
  kind: 'comment' | 'note';
}

/** A stored comment or note the editor cannot hold: its text and the names of what is unknown, read-only, never saved over. */
export function KeptRichText({ value, problem, label, kind }: Props) {
  const { t } = useTranslation();
  const what = t(`keptText.${kind}`);
  const names = [
    ...(problem.nodes.length ? [t('keptText.nodes', { list: problem.nodes.join(', ') })] : []),
    ...(problem.marks.length ? [t('keptText.marks', { list: problem.marks.join(', ') })] : []),
    ...(problem.attributes.length ? [t('keptText.attributes', { list: problem.attributes.join(', ') })] : []),
  ].join('; ');
  return (
    <div className="rich-text rich-kept">
      <p className="rich-kept-notice" role="note">
        {problem.invalid && !names ? t('keptText.invalid', { what, reason: problem.invalid }) : t('keptText.notice', { what, names })}
      </p>
      <div className="rich-kept-body" role="document" tabIndex={0} aria-label={t('keptText.body', { label })}>
        {keptBlocks(value).map((block, i) => (
          <p key={i} className={block.unknown ? 'rich-kept-unknown' : undefined}>
            {block.text}
          </p>
        ))}
      </div>
    </div>
  );
}
