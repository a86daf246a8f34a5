import { memo } from 'react';
import type { Block } from '../../../shared/model';
import { BlockText } from './BlockText';
import { cellSpans, hasOwnMarker, headingTag, type BlockGroup } from './group-blocks';
import type { LayerSource } from './layers';

/** Offsets into text.txt on every block element: annotations map DOM selections back through them. */
const span = (block: { start: number; end: number }) => ({ 'data-start': block.start, 'data-end': block.end });

interface Props {
  group: BlockGroup;
  text: string;
  source: LayerSource;
}

function SingleBlock({ block, text, source }: { block: Block; text: string; source: LayerSource }) {
  const content = <BlockText text={text} from={block.start} to={block.end} source={source} />;
  switch (block.kind) {
    case 'heading': {
      const Tag = headingTag(block.level);
      return <Tag {...span(block)}>{content}</Tag>;
    }
    case 'quote':
      return (
        <blockquote {...span(block)} style={depthIndent(block.level)}>
          {content}
        </blockquote>
      );
    case 'code':
      return (
        <pre {...span(block)}>
          <code>{content}</code>
        </pre>
      );
    case 'page':
      return (
        <section className="page" {...span(block)}>
          {content}
        </section>
      );
    default:
      return <p {...span(block)}>{content}</p>;
  }
}

/** Nested lists and quotes are flat runs of blocks with a level: indent by it. */
function depthIndent(level: number | undefined) {
  return level && level > 1 ? { marginInlineStart: `${(level - 1) * 1.5}em` } : undefined;
}

/** One top-level unit of the document: a block, a list or a table. Memoised: only groups whose layers change re-render. */
export const BlockGroupView = memo(function BlockGroupView({ group, text, source }: Props) {
  if (group.kind === 'single') return <SingleBlock block={group.block} text={text} source={source} />;
  if (group.kind === 'list') {
    return (
      <ul>
        {group.items.map((item) => (
          <li key={item.start} {...span(item)} className={hasOwnMarker(text.slice(item.start, item.end)) ? 'own-marker' : undefined} style={depthIndent(item.level)}>
            <BlockText text={text} from={item.start} to={item.end} source={source} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="table-scroll">
      <table>
        <tbody>
          {group.rows.map((row) => (
            <tr key={row.start} {...span(row)}>
              {cellSpans(row, text).map((cell) => (
                <td key={cell.start} {...span(cell)}>
                  <BlockText text={text} from={cell.start} to={cell.end} source={source} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
