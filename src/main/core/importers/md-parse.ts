import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Root } from 'mdast';
import type { Extension as MdastExtension } from 'mdast-util-from-markdown';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

/**
 * GFM's autolink literals more than double micromark's time on prose (issue #19: 1.6–2.3
 * ms against 0.7 without them, for a 4 KB bench Markdown file): they make every letter and
 * digit a place where a construct is tried. Tables cost another ~0.35 ms (tried at every
 * line). Neither can match in a text without its trigger, so such a text is parsed
 * without them: the same tree (md-parse.test.ts holds both parses side by side), by the
 * same library.
 * - an autolink literal needs an email's `@` (mailto: and xmpp: ones too), `www.` or
 *   `http://`/`https://`, in any case (micromark-extension-gfm-autolink-literal; the
 *   mdast transform that finds them in text uses the same three);
 * - a table's delimiter row needs a `|`, or a colon beside a hyphen (`:-`, `-:`).
 */
const AUTOLINK_TRIGGER = /@|www\.|https?:\/\//i;
const TABLE_TRIGGER = /\||:-|-:/;
const AUTOLINK_CONSTRUCTS = new Set(['wwwAutolink', 'protocolAutolink', 'emailAutolink']);

/** micromark's syntax extension (its types package is not our dependency): maps of character code to construct(s) */
type Extension = ReturnType<typeof gfm>;
type Construct = { name?: string };
type Options = { extensions: Extension[]; mdastExtensions: MdastExtension[] };

/** GFM's syntax without the named constructs (the combined extension gfm() builds, filtered: its parts are not our dependencies). */
function gfmWithout(names: ReadonlySet<string>): Extension {
  const out: Extension = {};
  for (const [field, map] of Object.entries(gfm()) as [keyof Extension, Record<string, unknown>][]) {
    if (field !== 'text' && field !== 'flow') {
      (out as Record<string, unknown>)[field] = map;
      continue;
    }
    const kept: Record<string, Construct[]> = {};
    for (const [code, constructs] of Object.entries(map)) {
      const list = ([] as Construct[]).concat(constructs as Construct | Construct[]).filter((c) => !names.has(c.name ?? ''));
      if (list.length) kept[code] = list;
    }
    (out as Record<string, unknown>)[field] = kept;
  }
  return out;
}

/** gfmFromMarkdown() without the parts that turn the named tokens into nodes (and, for autolinks, the transform that finds them in text). */
function gfmTreeWithout(tokens: ReadonlySet<string>): MdastExtension[] {
  return gfmFromMarkdown().filter((ext) => !Object.keys(ext.enter ?? {}).some((name) => tokens.has(name)));
}

/** [autolinks?][tables?] → options, built once: building them per document costs more than small documents. */
function variants(frontMatter: boolean): Options[][] {
  const make = (autolinks: boolean, tables: boolean): Options => {
    const names = new Set([...(autolinks ? [] : AUTOLINK_CONSTRUCTS), ...(tables ? [] : ['table'])]);
    return {
      extensions: [names.size ? gfmWithout(names) : gfm(), ...(frontMatter ? [frontmatter(['yaml'])] : [])],
      mdastExtensions: [...gfmTreeWithout(new Set([...(autolinks ? [] : ['literalAutolink']), ...(tables ? [] : ['table'])])), ...(frontMatter ? [frontmatterFromMarkdown(['yaml'])] : [])],
    };
  };
  return [
    [make(false, false), make(false, true)],
    [make(true, false), make(true, true)],
  ];
}
const withFrontMatter = variants(true);
const gfmOnly = variants(false);

/** The options a text is parsed with: GFM (and YAML front matter unless `gfmOnly`), less what cannot match in it. */
export function markdownOptions(markdown: string, options: { gfmOnly?: boolean } = {}): Options {
  const autolinks = Number(AUTOLINK_TRIGGER.test(markdown));
  const tables = Number(TABLE_TRIGGER.test(markdown));
  return (options.gfmOnly ? gfmOnly : withFrontMatter)[autolinks]![tables]!;
}

/** Markdown (CommonMark + GFM, YAML front matter unless `gfmOnly`) to an mdast tree. */
export function parseMarkdown(markdown: string, options: { gfmOnly?: boolean } = {}): Root {
  return fromMarkdown(markdown, markdownOptions(markdown, options));
}
