import { memo, useMemo } from 'react';
import type { Block } from '../../../shared/model';
import { groupBlocks, hasOwnMarker, headingTag, splitCells, type BlockGroup } from './group-blocks';

/** Offsets into text.txt on every block element: annotations map DOM selections back through them. */
const span = (block: Block) => ({ 'data-start': block.start, 'data-end': block.end });

function SingleBlock({ block, text }: { block: Block; text: string }) {
  const content = text.slice(block.start, block.end);
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

function Group({ group, text }: { group: BlockGroup; text: string }) {
  if (group.kind === 'single') return <SingleBlock block={group.block} text={text} />;
  if (group.kind === 'list') {
    return (
      <ul>
        {group.items.map((item) => {
          const itemText = text.slice(item.start, item.end);
          return (
            <li key={item.start} {...span(item)} className={hasOwnMarker(itemText) ? 'own-marker' : undefined} style={depthIndent(item.level)}>
              {itemText}
            </li>
          );
        })}
      </ul>
    );
  }
  return (
    <div className="table-scroll">
      <table>
        <tbody>
          {group.rows.map((row) => (
            <tr key={row.start} {...span(row)}>
              {splitCells(text.slice(row.start, row.end)).map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The document's blocks, rendered by kind; one pass over the blocks, no per-block search of the text. */
export const DocumentBody = memo(function DocumentBody({ text, blocks }: { text: string; blocks: Block[] }) {
  const groups = useMemo(() => groupBlocks(blocks), [blocks]);
  if (!blocks.length) {
    return (
      <article className="document-body">
        <p data-start={0} data-end={text.length}>
          {text}
        </p>
      </article>
    );
  }
  return (
    <article className="document-body">
      {groups.map((group) => (
        <Group key={group.kind === 'single' ? group.block.start : (group.kind === 'list' ? group.items : group.rows)[0]!.start} group={group} text={text} />
      ))}
    </article>
  );
});
