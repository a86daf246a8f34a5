import { describe, expect, it } from 'vitest';
import { clickSelection } from './select-range';
import { buildTagTree, parseTagList, tagPaths } from './tag-tree';
import { meta } from './test-docs';

describe('buildTagTree', () => {
  it('nests tags and counts each document once per node', () => {
    const tree = buildTagTree(
      [meta({ id: 'a', tags: ['policy/national', 'policy/local'] }), meta({ id: 'b', tags: ['policy'] }), meta({ id: 'c', tags: ['news'] }), meta({ id: 'd' })],
      ['archive/old'],
    );
    expect(tree.map((n) => [n.tag, n.count])).toEqual([
      ['archive', 0],
      ['news', 1],
      ['policy', 2],
    ]);
    const policy = tree.find((n) => n.tag === 'policy')!;
    expect(policy.children.map((n) => [n.name, n.count])).toEqual([
      ['local', 1],
      ['national', 1],
    ]);
    expect(tree[0]!.children[0]!.tag).toBe('archive/old');
  });
  it('lists the ancestors of a nested tag', () => {
    expect(tagPaths('a/b/c')).toEqual(['a', 'a/b', 'a/b/c']);
  });
});

describe('parseTagList', () => {
  it('splits on commas (also the full-width one), trims and drops repeats', () => {
    expect(parseTagList(' policy ,policy / national，新闻,, policy')).toEqual(['policy', 'policy/national', '新闻']);
    expect(parseTagList('  ')).toEqual([]);
  });
});

describe('clickSelection', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  it('toggles one row on a plain click', () => {
    expect([...clickSelection(new Set(['a']), order, 'a', 'c', false)]).toEqual(['a', 'c']);
    expect([...clickSelection(new Set(['a', 'c']), order, 'a', 'c', false)]).toEqual(['a']);
  });
  it('extends from the anchor on a shift-click, either direction', () => {
    expect([...clickSelection(new Set(['b']), order, 'b', 'd', true)].sort()).toEqual(['b', 'c', 'd']);
    expect([...clickSelection(new Set(['d']), order, 'd', 'a', true)].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
  it('clears a range when the clicked row was selected, and falls back without an anchor', () => {
    expect([...clickSelection(new Set(order), order, 'b', 'd', true)]).toEqual(['a', 'e']);
    expect([...clickSelection(new Set(), order, null, 'c', true)]).toEqual(['c']);
  });
});
